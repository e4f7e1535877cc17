package dev.coderunner.compat.judge0;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import dev.coderunner.execution.ExecutionRequest;
import dev.coderunner.submissions.Submission;
import dev.coderunner.submissions.SubmissionProperties;
import dev.coderunner.submissions.Submissions;

/**
 * Runs Judge0 submissions through our submissions queue (the token is the submission's id), waited
 * for ({@code wait=true}) or not, and tells what became of one in Judge0's attributes.
 */
@Component
class Judge0Submissions {

    private final Submissions submissions;
    private final Judge0Languages languages;
    private final JsonMapper json;
    private final Duration maxWait;

    Judge0Submissions(Submissions submissions, Judge0Languages languages, JsonMapper json,
                      SubmissionProperties properties) {
        this.submissions = submissions;
        this.languages = languages;
        this.json = json;
        this.maxWait = properties.maxWait();
    }

    /**
     * Queues it and answers once it has ended, or as it is after SUBMISSION_MAX_WAIT (Judge0's
     * clients then poll its token), holding no thread meanwhile. Like a queued one, it is kept
     * and can be read back by its token, and its callback is called.
     */
    CompletableFuture<Map<String, Object>> runAndWait(Judge0Submission submission, ExecutionRequest.Caller caller) {
        return submissions.awaitFinal(submit(submission, caller), maxWait).thenApply(this::viewOf);
    }

    /** Queues it; its token. */
    String queue(Judge0Submission submission, ExecutionRequest.Caller caller) {
        return submit(submission, caller).id();
    }

    private Submission.View submit(Judge0Submission submission, ExecutionRequest.Caller caller) {
        ObjectNode body = json.valueToTree(submission.run());
        if (submission.callbackUrl() != null) {
            body.put("callback_url", submission.callbackUrl());
        }
        try {
            return submissions.submit(body, submission.echo(), caller);
        } catch (RuntimeException refused) {
            throw Submissions.isQueueFull(refused) ? new QueueFullException() : refused;
        }
    }

    static final class QueueFullException extends RuntimeException {
    }

    /** One of the owner's Judge0 submissions; empty for another key's, an expired one, or one not made here. */
    Optional<Map<String, Object>> find(String owner, String token) {
        return submissions.find(owner, token).filter(view -> isJudge0(view.metadata())).map(this::viewOf);
    }

    private Map<String, Object> viewOf(Submission.View submission) {
        JsonNode echo = submission.metadata();
        Judge0Outcome outcome = switch (submission.state()) {
            case QUEUED, RUNNING -> null;
            case CANCELLED -> Judge0Outcome.cancelled(languages.table());
            case DONE -> submission.result() == null ? Judge0Outcome.failed(submission.error(), languages.table())
                    : outcome(echo, json.valueToTree(submission.result()));
        };
        var life = new Judge0View.Life(submission.id(), submission.state().name(), submission.createdAt(),
                submission.startedAt(), submission.finishedAt());
        return Judge0View.of(life, echo, outcome, languages);
    }

    private Judge0Outcome outcome(JsonNode echo, JsonNode answer) {
        String expected = echo.path("expected_output").isString() ? echo.path("expected_output").asString() : null;
        return Judge0Outcome.of(answer, expected, echo.path("redirect_stderr_to_stdout").asBoolean(), languages.table());
    }

    private static boolean isJudge0(JsonNode metadata) {
        return metadata != null && metadata.has("language_id") && metadata.has("source_code")
                && metadata.has("number_of_runs");
    }
}
