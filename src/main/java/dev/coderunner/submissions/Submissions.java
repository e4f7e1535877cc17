package dev.coderunner.submissions;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import dev.coderunner.execution.ExecutionRequest;

/**
 * What an adapter of a foreign API (compat/) may do with submissions: queue a body in our
 * {@code /execute} shape with its own data kept beside it, find one of an owner's, and wait for
 * one to end. The same queue, workers, replicas, expiry and callbacks as {@code /submissions}.
 */
@Component
public class Submissions {

    private final SubmissionBroker broker;
    private final SubmissionRequests requests;

    Submissions(SubmissionBroker broker, SubmissionRequests requests) {
        this.broker = broker;
        this.requests = requests;
    }

    /**
     * Checks the body as {@code /execute} would and queues it. {@code adapterData} is echoed back as
     * the submission's metadata; unlike a client's, it is not held to the 4 KB limit: the adapter
     * builds it, from a request body already bounded in size.
     *
     * @throws dev.coderunner.execution.InvalidExecutionRequestException and the other refusals of
     *         {@code /execute}, or {@link SubmissionQueueFullException} past the queue's capacity
     */
    public Submission.View submit(ObjectNode body, JsonNode adapterData, ExecutionRequest.Caller caller) {
        var checked = body.deepCopy();
        checked.remove("metadata");
        var prepared = requests.prepare(checked, caller);
        var stored = prepared.stored();
        return broker.submit(new SubmissionRequests.Prepared(prepared.request(), new SubmissionBroker.Stored(
                stored.owner(), stored.address(), stored.fields(), adapterData, stored.callbackUrl())));
    }

    /** One of the owner's submissions; any other key's is as absent as an unknown one. */
    public Optional<Submission.View> find(String owner, String id) {
        return broker.find(owner, id);
    }

    /** The submission once final, or as it is after {@code wait}; no thread waits meanwhile. */
    public CompletableFuture<Submission.View> awaitFinal(Submission.View current, Duration wait) {
        return current.state().isFinal() ? CompletableFuture.completedFuture(current) : broker.awaitFinal(current, wait);
    }

    /** Whether a refusal is the queue being full (the adapter answers that in its own terms). */
    public static boolean isQueueFull(RuntimeException refused) {
        return refused instanceof SubmissionQueueFullException;
    }
}
