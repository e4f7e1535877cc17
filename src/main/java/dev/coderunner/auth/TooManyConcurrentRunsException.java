package dev.coderunner.auth;

/** A key asked for one more run than its {@code max-concurrent-runs}. */
public class TooManyConcurrentRunsException extends RuntimeException {

    public TooManyConcurrentRunsException(ApiKey key) {
        super("key " + key.name() + " already has " + key.maxConcurrentRuns() + " runs executing or queued, its limit");
    }
}
