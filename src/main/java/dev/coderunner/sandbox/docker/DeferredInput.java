package dev.coderunner.sandbox.docker;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

import dev.coderunner.sandbox.LiveInput;

/**
 * A container's stdin that blocks until the run's payload is known, so a container can be
 * attached and started before its request arrives. Closing it unsupplied means end of input. A
 * live run's stdin follows the payload chunk by chunk as the client sends it, framed for the
 * launcher ({@link LauncherPayload#chunk}), until its end.
 */
final class DeferredInput extends InputStream {

    private record Supplied(byte[] payload, LiveInput live) {
    }

    private final CompletableFuture<Supplied> supplied = new CompletableFuture<>();
    private ByteArrayInputStream current;
    private LiveInput live;

    void supply(byte[] bytes) {
        supply(bytes, null);
    }

    void supply(byte[] bytes, LiveInput liveInput) {
        supplied.complete(new Supplied(bytes, liveInput));
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (current == null) {
            var first = supplied.join();
            current = new ByteArrayInputStream(first.payload());
            live = first.live();
        }
        int n = current.read(buffer, offset, length);
        while (n <= 0 && live != null) {
            byte[] next = nextChunk();
            current = new ByteArrayInputStream(LauncherPayload.chunk(next == null ? new byte[0] : next));
            if (next == null) {
                live = null;
            }
            n = current.read(buffer, offset, length);
        }
        return n;
    }

    /** The client's next stdin, or null at its end (or once the run is over and nothing waits for it). */
    private byte[] nextChunk() {
        try {
            return live.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        supplied.complete(new Supplied(new byte[0], null));
    }
}
