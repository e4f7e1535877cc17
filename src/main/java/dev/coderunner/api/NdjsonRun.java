package dev.coderunner.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.http.HttpServletResponse;

import dev.coderunner.execution.RunObserver;

/**
 * One run streamed as NDJSON on its HTTP response: nothing is written until the run has started
 * (so a refusal is still an ordinary problem-details answer), then one event per line, flushed as it
 * happens. Writes block while the client reads slowly: the program waits on its full pipe, nothing
 * piles up here. A failed write (the client went away) interrupts the run, which ends it; so does a
 * heartbeat written after a quiet spell, which is how a silent program's vanished client is noticed.
 */
final class NdjsonRun implements RunObserver, AutoCloseable {

    static final String MEDIA_TYPE = "application/x-ndjson";
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);

    private final HttpServletResponse response;
    private final LiveEvents events;
    private final Thread run;
    private final Utf8Stream stdout = new Utf8Stream();
    private final Utf8Stream stderr = new Utf8Stream();
    private OutputStream out;
    private volatile boolean started;
    private volatile boolean gone;
    private volatile boolean closed;
    private volatile long lastWrite = System.nanoTime();

    NdjsonRun(HttpServletResponse response, LiveEvents events) {
        this.response = response;
        this.events = events;
        this.run = Thread.currentThread();
    }

    boolean hasStarted() {
        return started;
    }

    @Override
    public void started(String executionId) {
        response.setStatus(200);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8);
        response.setHeader(ExecuteController.EXECUTION_ID_HEADER, executionId);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        try {
            out = response.getOutputStream();
        } catch (IOException e) {
            gone = true;
            run.interrupt();
            return;
        }
        started = true;
        line(events.started(executionId));
        Thread.startVirtualThread(this::heartbeats);
    }

    @Override
    public void stage(Stage stage) {
        flushOutput();
        line(events.stage(stage));
    }

    @Override
    public void output(boolean isStderr, byte[] chunk) {
        String text = (isStderr ? stderr : stdout).decode(chunk);
        if (!text.isEmpty()) {
            line(events.output(isStderr, text));
        }
    }

    void result(ExecuteResponse result) {
        flushOutput();
        line(events.result(result));
    }

    void error(Problems problem) {
        flushOutput();
        line(events.error(problem.problem()));
    }

    private void flushOutput() {
        for (boolean isStderr : new boolean[] {false, true}) {
            String rest = (isStderr ? stderr : stdout).finish();
            if (!rest.isEmpty()) {
                line(events.output(isStderr, rest));
            }
        }
    }

    private synchronized void line(String json) {
        if (gone || out == null) {
            return;
        }
        try {
            out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            lastWrite = System.nanoTime();
        } catch (IOException clientWentAway) {
            gone = true;
            run.interrupt();
        }
    }

    private void heartbeats() {
        try {
            while (!closed && !gone) {
                Thread.sleep(HEARTBEAT);
                if (!closed && System.nanoTime() - lastWrite >= HEARTBEAT.toNanos()) {
                    line(events.heartbeat());
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
