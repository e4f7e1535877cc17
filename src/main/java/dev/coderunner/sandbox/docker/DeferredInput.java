package dev.coderunner.sandbox.docker;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A container's stdin that blocks until the run's payload is known, so a container can be
 * attached and started before its request arrives. Closing it unsupplied means end of input.
 */
final class DeferredInput extends InputStream {

    private final CompletableFuture<byte[]> payload = new CompletableFuture<>();
    private ByteArrayInputStream supplied;

    void supply(byte[] bytes) {
        payload.complete(bytes);
    }

    @Override
    public int read() {
        return supplied().read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        return supplied().read(buffer, offset, length);
    }

    @Override
    public void close() {
        payload.complete(new byte[0]);
    }

    private synchronized ByteArrayInputStream supplied() {
        if (supplied == null) {
            supplied = new ByteArrayInputStream(payload.join());
        }
        return supplied;
    }
}
