package dev.coderunner.submissions;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.coderunner.api.QueuedWork;

/**
 * Where submissions wait, run and are kept: in this process ({@link SubmissionQueue}) or, with
 * {@code REDIS_URL}, in Redis shared by every replica ({@link RedisSubmissions}). A submission is
 * its owner's alone: for any other key it does not exist.
 */
interface SubmissionBroker extends QueuedWork {

    /** Queues a checked request (429 past the capacity). */
    Submission.View submit(SubmissionRequests.Prepared prepared);

    Optional<Submission.View> find(String owner, String id);

    /** The submission once final, or as it is when {@code wait} has passed; no thread waits meanwhile. */
    CompletableFuture<Submission.View> awaitFinal(Submission.View current, Duration wait);

    /** Cancels it unless it is final; the submission as it is then, empty if it is not the owner's. */
    Optional<Submission.View> cancel(String owner, String id);

    /** What a submission needs to be run anywhere: the body, whose it is and from where, and its extras. */
    record Stored(String owner, String address, ObjectNode fields, JsonNode metadata,
                  URI callbackUrl) {
    }
}
