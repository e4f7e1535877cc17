package dev.coderunner.submissions;

import java.time.Duration;

/** The submission queue holds as many as it may: the caller should come back later. */
final class SubmissionQueueFullException extends RuntimeException {

    private final int depth;
    private final Duration oldestAge;

    SubmissionQueueFullException(int depth, Duration oldestAge) {
        super("the submission queue is full (" + depth + " waiting, the oldest for " + oldestAge.toSeconds() + " s)");
        this.depth = depth;
        this.oldestAge = oldestAge;
    }

    int depth() {
        return depth;
    }

    Duration oldestAge() {
        return oldestAge;
    }
}
