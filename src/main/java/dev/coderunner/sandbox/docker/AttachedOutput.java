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
import dev.coderunner.sandbox.SandboxCommand;

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
    private volatile SandboxCommand follower;
    private MarkerHoldBack stdoutLive;
    private MarkerHoldBack stderrLive;
    private long forwarded;
    private byte[] stdoutTail = new byte[0];
    private byte[] stderrTail = new byte[0];
    private boolean stdoutMarked;
    private boolean stderrMarked;

    AttachedOutput(Runnable kill) {
        this.kill = kill;
    }

    /** From now on, frames go to this run's buffer, and its launcher's report line is watched for. */
    void captureInto(BoundedOutput output, String nonce) {
        captureInto(output, nonce, null);
    }

    /** As above, and the command's live follower, if any, is told of the output as it comes. */
    void captureInto(BoundedOutput output, String nonce, SandboxCommand command) {
        this.nonce = nonce;
        this.stdoutLive = new MarkerHoldBack(nonce);
        this.stderrLive = new MarkerHoldBack(nonce);
        this.follower = command;
        this.output = output;
    }

    /**
     * Waits for the launcher's report, the end of the stream, or the deadline, whichever is first.
     * An interrupt (the run's client went away) is the deadline come early; it is consumed here, so
     * that the engine calls that end the run and clean up are not cut short too.
     */
    Report awaitReport(Duration timeout) {
        try {
            return report.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
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
        int kept = target.keep(isStderr, payload);
        if (kept < payload.length && overflowed.compareAndSet(false, true)) {
            Thread.startVirtualThread(kill);
        }
        forward(isStderr, kept == payload.length ? payload : Arrays.copyOf(payload, kept),
                isStderr ? stderrMarked : stdoutMarked);
        if (stdoutMarked && stderrMarked) {
            report.complete(Report.REPORTED);
        }
    }

    private void forward(boolean isStderr, byte[] kept, boolean marked) {
        SandboxCommand command = follower;
        if (command != null) {
            forwardCapped(command, isStderr, (isStderr ? stderrLive : stdoutLive).next(kept, marked));
        }
    }

    /** The buffer holds room for the markers beyond the cap; the follower never sees more than the cap. */
    private synchronized void forwardCapped(SandboxCommand command, boolean isStderr, byte[] bytes) {
        long room = command.outputCap().toBytes() - forwarded;
        int length = (int) Math.max(0, Math.min(room, bytes.length));
        forwarded += length;
        command.forward(isStderr, length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
    }

    /** The stream ended: a follower gets what was held back in case it began a marker. */
    private void flushFollower() {
        SandboxCommand command = follower;
        if (command != null && output != null) {
            forwardCapped(command, false, stdoutLive.rest());
            forwardCapped(command, true, stderrLive.rest());
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
        flushFollower();
        ended.set(true);
        report.complete(Report.ENDED);
        super.onComplete();
    }

    /** The stream broke (Docker stopped, the connection died): the same as its end, without docker-java's error log. */
    @Override
    public void onError(Throwable throwable) {
        flushFollower();
        ended.set(true);
        report.complete(Report.ENDED);
        try {
            close();
        } catch (java.io.IOException alreadyClosed) {
            // Nothing more to release.
        }
    }
}
