package dev.coderunner.sandbox.docker;

import java.util.concurrent.atomic.AtomicBoolean;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import dev.coderunner.sandbox.BoundedOutput;

/**
 * A container's attached stdout and stderr. Frames go to the run's bounded buffer once the run
 * has begun; past the cap the container is killed from another thread, never from this one:
 * Docker's kill waits for the container to flush its output into this very stream, which would
 * then stop being read.
 */
final class AttachedOutput extends ResultCallback.Adapter<Frame> {

    private final Runnable kill;
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile BoundedOutput output;

    AttachedOutput(Runnable kill) {
        this.kill = kill;
    }

    void captureInto(BoundedOutput output) {
        this.output = output;
    }

    boolean overflowed() {
        return overflowed.get();
    }

    /** Whether the stream has ended: the container stopped. */
    boolean ended() {
        return ended.get();
    }

    @Override
    public void onNext(Frame frame) {
        BoundedOutput target = output;
        if (target != null && !target.append(frame.getStreamType() == StreamType.STDERR, frame.getPayload())
                && overflowed.compareAndSet(false, true)) {
            Thread.startVirtualThread(kill);
        }
    }

    @Override
    public void onComplete() {
        ended.set(true);
        super.onComplete();
    }

    @Override
    public void onError(Throwable throwable) {
        ended.set(true);
        super.onError(throwable);
    }
}
