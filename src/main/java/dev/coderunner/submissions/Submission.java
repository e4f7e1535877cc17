package dev.coderunner.submissions;

import java.net.URI;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import dev.coderunner.api.ExecuteResponse;
import dev.coderunner.execution.ExecutionRequest;

/**
 * One asynchronous submission: what it asks, whose it is, and how far it got. Its state only
 * moves forward (QUEUED → RUNNING → DONE, or to CANCELLED before DONE); {@link #settled()}
 * completes once it is final, which is what long-polling waits on.
 */
public final class Submission {

    private final String id;
    private final String owner;
    private final ExecutionRequest request;
    private final JsonNode metadata;
    private final Instant createdAt;
    private final CompletableFuture<Submission> settled = new CompletableFuture<>();
    private SubmissionState state = SubmissionState.QUEUED;
    private Instant startedAt;
    private Instant finishedAt;
    private ExecuteResponse result;
    private String error;
    private Thread runner;
    private final URI callbackUrl;
    private Callback callback;

    Submission(String id, String owner, ExecutionRequest request, JsonNode metadata, URI callbackUrl, Instant createdAt) {
        this.callbackUrl = callbackUrl;
        this.callback = callbackUrl == null ? null : new Callback(Callback.PENDING, 0, null);
        this.id = id;
        this.owner = owner;
        this.request = request;
        this.metadata = metadata;
        this.createdAt = createdAt;
    }

    String id() {
        return id;
    }

    String owner() {
        return owner;
    }

    ExecutionRequest request() {
        return request;
    }

    Instant createdAt() {
        return createdAt;
    }

    URI callbackUrl() {
        return callbackUrl;
    }

    /** Records one delivery attempt of the callback. */
    synchronized void callbackAttempted(Callback outcome) {
        callback = outcome;
    }

    CompletableFuture<Submission> settled() {
        return settled;
    }

    /** Takes it to RUNNING on the given thread; false if it was cancelled meanwhile. */
    synchronized boolean start(Thread thread, Instant now) {
        if (state != SubmissionState.QUEUED) {
            return false;
        }
        state = SubmissionState.RUNNING;
        startedAt = now;
        runner = thread;
        return true;
    }

    /** Its result; ignored if it was cancelled while it ran. */
    void finish(ExecuteResponse answer, Instant now) {
        done(answer, null, now);
    }

    /** It could not run: our failure (the engine down, say), told in words; DONE with no result. */
    void fail(String why, Instant now) {
        done(null, why, now);
    }

    private void done(ExecuteResponse answer, String why, Instant now) {
        synchronized (this) {
            if (state != SubmissionState.RUNNING) {
                return;
            }
            state = SubmissionState.DONE;
            result = answer;
            error = why;
            finishedAt = now;
            runner = null;
        }
        settled.complete(this);
    }

    /**
     * Cancels it unless it is final already; a running one's thread is interrupted, which ends its
     * sandbox as a deadline would. Returns whether it is cancelled now.
     */
    boolean cancel(Instant now) {
        Thread running;
        synchronized (this) {
            if (state == SubmissionState.CANCELLED) {
                return true;
            }
            if (state == SubmissionState.DONE) {
                return false;
            }
            state = SubmissionState.CANCELLED;
            finishedAt = now;
            running = runner;
            runner = null;
        }
        if (running != null) {
            running.interrupt();
        }
        settled.complete(this);
        return true;
    }

    synchronized View view() {
        return new View(id, state, createdAt, startedAt, finishedAt, result, error, metadata, callback);
    }

    /** What a client is told about it; {@code error} only when it could not run (our failure). */
    public record View(String id, SubmissionState state, Instant createdAt, Instant startedAt, Instant finishedAt,
                Object result, @JsonInclude(JsonInclude.Include.NON_NULL) String error, JsonNode metadata,
                @JsonInclude(JsonInclude.Include.NON_NULL) Callback callback) {
    }

    /** How the callback went: PENDING, RETRYING, DELIVERED or FAILED, after how many attempts. */
    record Callback(String state, int attempts, String lastError) {
        static final String PENDING = "PENDING";
        static final String RETRYING = "RETRYING";
        static final String DELIVERED = "DELIVERED";
        static final String FAILED = "FAILED";
    }
}
