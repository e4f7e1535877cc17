package dev.coderunner.compat.piston;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import dev.coderunner.api.Problems;
import dev.coderunner.api.Utf8Stream;
import dev.coderunner.auth.ApiKey;
import dev.coderunner.auth.TooManyConcurrentRunsException;
import dev.coderunner.execution.ExecutionRequest;
import dev.coderunner.execution.ExecutionResult;
import dev.coderunner.execution.RunObserver;
import dev.coderunner.sandbox.LiveInput;

/**
 * One connection to {@code /api/v2/connect} and its one run, as Piston's {@code v2.js} handles
 * it: an {@code init} (a Piston execute body; its stdin is discarded, as Piston does) within
 * {@link PistonConnections#INIT_TIMEOUT}, then {@code data} for stdin and {@code signal} while it
 * runs; messages of other types are ignored. Each protocol error closes with its code; closing,
 * by either side, ends the run. Sends block while the client reads slowly, so the program waits
 * on its pipe rather than output piling up here.
 */
final class PistonConnection implements RunObserver {

    private enum State { NEW, INITIALIZED, CLOSED }

    private final WebSocketSession session;
    private final PistonConnections context;
    private final ApiKey key;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final LiveInput input = new LiveInput();
    private final Utf8Stream stdout = new Utf8Stream();
    private final Utf8Stream stderr = new Utf8Stream();
    private final Object sending = new Object();
    private volatile long lastActivity = System.nanoTime();
    private volatile PistonRuntimes.Selected runtime;
    private volatile boolean compiled;
    private volatile boolean finished;
    private volatile Thread run;
    private long stdinBytes;

    PistonConnection(WebSocketSession session, PistonConnections context, ApiKey key) {
        this.session = session;
        this.context = context;
        this.key = key;
    }

    /** One message; the container hands a connection's messages over one at a time. */
    void receive(String text) {
        lastActivity = System.nanoTime();
        JsonNode message;
        try {
            message = context.json().readTree(text);
        } catch (JacksonException malformed) {
            notifyError("the message is not valid JSON: " + malformed.getOriginalMessage());
            return;
        }
        if (!(message instanceof ObjectNode object) || !object.path("type").isString()) {
            return;
        }
        switch (object.get("type").asString()) {
            case "init" -> init(object);
            case "data" -> data(object);
            case "signal" -> signal(object);
            default -> { }
        }
    }

    /** The connection closed, or broke: the run, if any, ends now. */
    void closed() {
        state.set(State.CLOSED);
        input.end();
        Thread running = run;
        if (running != null && !finished) {
            running.interrupt();
        }
    }

    private void init(ObjectNode message) {
        if (state.get() == State.INITIALIZED) {
            close(PistonClose.ALREADY_INITIALIZED);
            return;
        }
        PistonRequests.Parsed parsed;
        try {
            parsed = context.requests().parse(message, new ExecutionRequest.Caller(key.name(), address()));
        } catch (RuntimeException refused) {
            notifyError(messageOf(refused));
            return;
        }
        Runnable release = context.quotas().startRun(key);
        if (release == null) {
            notifyError(new TooManyConcurrentRunsException(key).getMessage());
            return;
        }
        runtime = parsed.runtime();
        Thread thread = Thread.ofVirtual().name("piston-connect-" + parsed.request().caller().executionId())
                .unstarted(() -> runToTheEnd(parsed.request(), release));
        run = thread;
        if (!state.compareAndSet(State.NEW, State.INITIALIZED)) {
            release.run();
            return;
        }
        thread.start();
        if (state.get() == State.CLOSED) {
            thread.interrupt(); // closed between the start and now: closed() may have found it not yet alive
        }
    }

    private void runToTheEnd(ExecutionRequest request, Runnable release) {
        ExecutionResult result = null;
        RuntimeException failure = null;
        try {
            result = context.executions().execute(request, this);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            finished = true;
            // Before the last message, so a client that reconnects once it has it finds its quota free.
            release.run();
            input.end();
        }
        Thread.interrupted(); // the close's or the idle watchdog's interrupt ended the run; what it did still goes out
        if (failure != null) {
            notifyError(messageOf(failure));
            return;
        }
        flushOutput();
        boolean compileFailed = result.compile() != null && !result.compile().succeeded();
        send(context.messages().exit(compileFailed ? Stage.COMPILE : Stage.RUN, result.run()));
        close(PistonClose.JOB_COMPLETED);
    }

    private void data(ObjectNode message) {
        if (state.get() == State.NEW) {
            close(PistonClose.NOT_YET_INITIALIZED);
            return;
        }
        if (!"stdin".equals(message.path("stream").asString(null))) {
            close(PistonClose.CAN_ONLY_WRITE_TO_STDIN);
            return;
        }
        JsonNode data = message.get("data");
        if (data == null || !data.isString()) {
            notifyError("data must be a string");
            return;
        }
        byte[] bytes = data.asString().getBytes(StandardCharsets.UTF_8);
        long limit = context.stdinLimit().toBytes();
        stdinBytes += bytes.length;
        if (stdinBytes > limit) {
            notifyError("more stdin than the " + limit + " bytes a run may be sent (INTERACTIVE_STDIN_LIMIT)");
            return;
        }
        input.write(bytes);
    }

    private void signal(ObjectNode message) {
        if (state.get() == State.NEW) {
            close(PistonClose.NOT_YET_INITIALIZED);
            return;
        }
        String name = message.path("signal").isString() ? message.get("signal").asString() : "";
        if (!PistonSignals.known(name)) {
            close(PistonClose.INVALID_SIGNAL);
            return;
        }
        PistonSignals.deliverable(name).ifPresent(input::signal);
    }

    @Override
    public void started(String executionId) {
        send(context.messages().runtime(runtime));
    }

    @Override
    public void stage(Stage stage) {
        flushOutput();
        if (stage == Stage.COMPILE) {
            compiled = true;
        } else if (compiled) {
            send(context.messages().compiled()); // the program runs only after a compile step that succeeded
        }
        send(context.messages().stage(stage));
    }

    @Override
    public void output(boolean isStderr, byte[] chunk) {
        lastActivity = System.nanoTime();
        String text = (isStderr ? stderr : stdout).decode(chunk);
        if (!text.isEmpty()) {
            send(context.messages().data(isStderr, text));
        }
    }

    @Override
    public LiveInput input() {
        return input;
    }

    private void flushOutput() {
        for (boolean isStderr : new boolean[] {false, true}) {
            String rest = (isStderr ? stderr : stdout).finish();
            if (!rest.isEmpty()) {
                send(context.messages().data(isStderr, rest));
            }
        }
    }

    /** Piston's own refusals in its words; ours as the REST API words them (our failures with an error id, logged). */
    private static String messageOf(RuntimeException refused) {
        return refused instanceof PistonRequestException ? refused.getMessage() : Problems.of(refused).problem().getDetail();
    }

    /** Piston's fatal error: the reason as a message (a close reason is limited to 123 bytes), then 4002. */
    private void notifyError(String text) {
        send(context.messages().error(text));
        close(PistonClose.NOTIFIED_ERROR);
    }

    private void send(String message) {
        synchronized (sending) {
            if (state.get() == State.CLOSED || !session.isOpen()) {
                return;
            }
            try {
                session.sendMessage(new TextMessage(message));
            } catch (IOException | IllegalStateException clientWentAway) {
                closed();
            }
        }
    }

    private void close(PistonClose reason) {
        synchronized (sending) {
            try {
                if (session.isOpen()) {
                    session.close(reason.status());
                }
            } catch (IOException alreadyClosed) {
                // Nothing more to tell the client.
            }
        }
        closed();
    }

    private String address() {
        return session.getRemoteAddress() instanceof InetSocketAddress remote ? remote.getAddress().getHostAddress() : "-";
    }

    /**
     * Closes a connection that sent no init in time (4001), and kills a run that has had neither
     * input nor output for INTERACTIVE_IDLE_TIMEOUT: it ends as a timeout does, {@code SIGKILL}.
     */
    void watch() {
        Thread.ofVirtual().name("piston-connect-watch").start(() -> {
            try {
                Thread.sleep(PistonConnections.INIT_TIMEOUT);
                if (state.compareAndSet(State.NEW, State.CLOSED)) {
                    close(PistonClose.INITIALIZATION_TIMEOUT);
                    return;
                }
                Duration idle = context.idleTimeout();
                while (!finished && state.get() != State.CLOSED) {
                    long quiet = System.nanoTime() - lastActivity;
                    if (quiet >= idle.toNanos()) {
                        Thread running = run;
                        if (running != null) {
                            running.interrupt();
                        }
                        return;
                    }
                    Thread.sleep(Duration.ofNanos(idle.toNanos() - quiet).plusMillis(10));
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
