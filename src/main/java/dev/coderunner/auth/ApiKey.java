package dev.coderunner.auth;

/**
 * One key that may call the service, as the rest of the service knows it: by name, never by value.
 *
 * @param name              shown in logs, metrics and the audit trail
 * @param requestsPerMinute null for no rate limit
 * @param maxConcurrentRuns null for no concurrency limit
 */
public record ApiKey(String name, Integer requestsPerMinute, Integer maxConcurrentRuns) {

    /** The request attribute under which the admitting filter leaves the caller's key. */
    public static final String ATTRIBUTE = ApiKey.class.getName();
}
