package dev.coderunner.sandbox.docker;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import dev.coderunner.sandbox.BoundedOutput;

/**
 * A container's attached stdout and stderr. Frames go to the run's bounded buffer once the run
 * has begun, up to the launcher's end marker on each stream: what follows it was written by a
 * process the program left behind, after the program's end, and is not its output. Past the cap
 * the container is killed from another thread, never from this one:
 * Docker's kill waits for the container to flush its output into this very stream, which would
 * then stop being read.
 */
final class AttachedOutput extends ResultCallback.Adapter<Frame> {

    /** How a run's wait ended. */
    enum Report {
        /** The launcher's end marker arrived on both streams: the program is done, its output complete. */
        REPORTED,
        /** The stream ended without it: the container stopped (killed, or the launcher failed). */
        ENDED,
        /** Neither within the deadline. */
        TIMED_OUT
    }

    /** Enough of each stream's end to hold an end marker. */
    private static final int TAIL = EndMarker.RESERVE;

    private final Runnable kill;
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<Report> report = new CompletableFuture<>();
    private volatile BoundedOutput output;
    private volatile String nonce;
    private byte[] stdoutTail = new byte[0];
    private byte[] stderrTail = new byte[0];
    private boolean stdoutMarked;
    private boolean stderrMarked;

    AttachedOutput(Runnable kill) {
        this.kill = kill;
    }

    /** From now on, frames go to this run's buffer, and its launcher's report line is watched for. */
    void captureInto(BoundedOutput output, String nonce) {
        this.nonce = nonce;
        this.output = output;
    }

    /** Waits for the launcher's report, the end of the stream, or the deadline, whichever is first. */
    Report awaitReport(Duration timeout) {
        try {
            return report.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return Report.TIMED_OUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Report.TIMED_OUT;
        } catch (ExecutionException impossible) {
            return Report.ENDED;
        }
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
        if (target == null) {
            return;
        }
        boolean isStderr = frame.getStreamType() == StreamType.STDERR;
        if (isStderr ? stderrMarked : stdoutMarked) {
            return;
        }
        byte[] payload = upToMarker(isStderr, frame.getPayload());
        if (!target.append(isStderr, payload) && overflowed.compareAndSet(false, true)) {
            Thread.startVirtualThread(kill);
        }
        if (stdoutMarked && stderrMarked) {
            report.complete(Report.REPORTED);
        }
    }

    /**
     * The payload up to and including the end marker if it completes one on its stream (the marker
     * may span frames). Frames of one attach stream arrive on one thread, in order; the tails need
     * no locking.
     */
    private byte[] upToMarker(boolean isStderr, byte[] payload) {
        byte[] tail = isStderr ? stderrTail : stdoutTail;
        byte[] joined = append(tail, payload);
        int end = EndMarker.endOf(joined, nonce);
        if (end < 0) {
            byte[] kept = joined.length <= TAIL ? joined : Arrays.copyOfRange(joined, joined.length - TAIL, joined.length);
            if (isStderr) {
                stderrTail = kept;
            } else {
                stdoutTail = kept;
            }
            return payload;
        }
        if (isStderr) {
            stderrMarked = true;
        } else {
            stdoutMarked = true;
        }
        return Arrays.copyOf(payload, end - tail.length);
    }

    private static byte[] append(byte[] tail, byte[] payload) {
        byte[] joined = Arrays.copyOf(tail, tail.length + payload.length);
        System.arraycopy(payload, 0, joined, tail.length, payload.length);
        return joined;
    }

    @Override
    public void onComplete() {
        ended.set(true);
        report.complete(Report.ENDED);
        super.onComplete();
    }

    /** The stream broke (Docker stopped, the connection died): the same as its end, without docker-java's error log. */
    @Override
    public void onError(Throwable throwable) {
        ended.set(true);
        report.complete(Report.ENDED);
        try {
            close();
        } catch (java.io.IOException alreadyClosed) {
            // Nothing more to release.
        }
    }
}
