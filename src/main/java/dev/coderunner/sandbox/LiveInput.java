package dev.coderunner.sandbox;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * What a live run's client sends while the run goes on: stdin as it is typed, its end, and
 * signals. The client writes; the engine running the program takes the chunks in order and
 * delivers signals to whatever command runs at that moment. Written chunks are bounded by the
 * caller (it counts stdin against a cap); the end is sticky.
 */
public final class LiveInput {

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private volatile boolean ended;
    private volatile Consumer<ProgramSignal> target;

    /** Queues stdin for the program; ignored after the end. */
    public void write(byte[] data) {
        if (!ended && data.length > 0) {
            chunks.add(data.clone());
        }
    }

    /** The end of stdin: the program reads EOF once it has read what came before. */
    public void end() {
        ended = true;
        chunks.add(END);
    }

    public boolean ended() {
        return ended;
    }

    /** Delivers a signal to the command running now; none runs between commands, and it is dropped. */
    public void signal(ProgramSignal signal) {
        var receiver = target;
        if (receiver != null) {
            receiver.accept(signal);
        }
    }

    /** Engine side: the next chunk of stdin, waiting for it; null at the end. */
    public byte[] take() throws InterruptedException {
        byte[] chunk = chunks.take();
        if (chunk == END) {
            chunks.add(END);
            return null;
        }
        return chunk;
    }

    /** Engine side: signals go to this command until the returned handle is closed. */
    public Delivery deliverSignalsTo(Consumer<ProgramSignal> receiver) {
        target = receiver;
        return () -> target = null;
    }

    /** Stops the delivery of signals to a command that has ended. */
    public interface Delivery extends AutoCloseable {
        @Override
        void close();
    }
}
