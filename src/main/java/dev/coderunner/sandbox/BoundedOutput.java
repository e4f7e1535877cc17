package dev.coderunner.sandbox;

import java.io.ByteArrayOutputStream;

/**
 * Collects a command's stdout and stderr while it runs, never holding more than the cap. The
 * first write that would pass the cap is cut at it and reported, so the engine can stop the
 * program at once instead of buffering a flood.
 */
public final class BoundedOutput {

    private final long cap;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ByteArrayOutputStream combined = new ByteArrayOutputStream();
    private boolean truncated;

    public BoundedOutput(long capBytes) {
        this.cap = capBytes;
    }

    /** Appends a chunk; returns false once the cap has been reached (the chunk was cut). */
    public boolean append(boolean isStderr, byte[] chunk) {
        return keep(isStderr, chunk) == chunk.length && !truncated();
    }

    /** Appends as much of a chunk as fits under the cap and says how many bytes that was. */
    public synchronized int keep(boolean isStderr, byte[] chunk) {
        if (truncated) {
            return 0;
        }
        long room = cap - combined.size();
        int length = (int) Math.min(chunk.length, Math.max(room, 0));
        (isStderr ? stderr : stdout).write(chunk, 0, length);
        combined.write(chunk, 0, length);
        if (length < chunk.length) {
            truncated = true;
        }
        return length;
    }

    public synchronized boolean truncated() {
        return truncated;
    }

    public synchronized CapturedOutput snapshot() {
        return new CapturedOutput(stdout.toByteArray(), stderr.toByteArray(), combined.toByteArray(), truncated);
    }
}
