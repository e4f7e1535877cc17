package dev.coderunner.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts host processes from one long-lived platform thread. Linux ties a child's parent-death
 * signal (bubblewrap's {@code --die-with-parent}) to the thread that forked it: a process started
 * from a virtual thread's carrier, or from a pool thread, would be killed whenever that thread
 * ends, which the JVM decides on its own schedule.
 */
public final class ProcessStarter {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("process-starter").factory());

    private ProcessStarter() {
    }

    public static Process start(ProcessBuilder builder) throws IOException {
        Future<Process> started = THREAD.submit(builder::start);
        try {
            return started.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new UncheckedIOException(new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.cancel(false);
            throw new IOException("interrupted while starting a process", e);
        }
    }
}
