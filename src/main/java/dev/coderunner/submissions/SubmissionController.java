package dev.coderunner.submissions;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.coderunner.api.Callers;
import dev.coderunner.api.ProblemType;
import dev.coderunner.execution.FilesTooLargeException;
import dev.coderunner.execution.InvalidExecutionRequestException;
import dev.coderunner.execution.UnknownLanguageException;

/**
 * Asynchronous submissions: the {@code /execute} body, accepted at once (202) and run in the
 * background; read back by id (optionally waiting for the end without holding a thread), cancelled,
 * or made and read in batches. A submission is its key's alone: any other key is told 404.
 */
@RestController
class SubmissionController {

    private final SubmissionBroker broker;
    private final SubmissionRequests requests;
    private final SubmissionProperties properties;

    SubmissionController(SubmissionBroker broker, SubmissionRequests requests, SubmissionProperties properties) {
        this.broker = broker;
        this.requests = requests;
        this.properties = properties;
    }

    record Accepted(String id, SubmissionState state) {
    }

    @Operation(summary = "Queue a program to run", description = "The /execute body plus optional metadata (a JSON "
            + "object of at most 4 KB, echoed back). Answers 202 at once with the id; 429 when the queue is full.")
    @PostMapping(path = "/submissions", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> submit(@RequestBody JsonNode body, HttpServletRequest http) {
        var submission = accept(body, http);
        return ResponseEntity.accepted().location(URI.create("/submissions/" + submission.id()))
                .body(new Accepted(submission.id(), SubmissionState.QUEUED));
    }

    @Operation(summary = "Read a submission", description = "wait=N (seconds, at most SUBMISSION_MAX_WAIT) holds the "
            + "answer until the submission is DONE or CANCELLED, or N seconds have passed.")
    @GetMapping(path = "/submissions/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<Submission.View> read(@PathVariable String id, @RequestParam(required = false) Double wait,
                                            HttpServletRequest http) {
        checkWait(wait);
        Submission.View submission = owned(id, http);
        if (wait == null || wait <= 0 || submission.state().isFinal()) {
            return CompletableFuture.completedFuture(submission);
        }
        return broker.awaitFinal(submission, Duration.ofMillis(Math.round(wait * 1000)));
    }

    @Operation(summary = "Cancel a submission", description = "A queued one never runs; a running one is killed. "
            + "A DONE one stays DONE. Answers the submission as it is now.")
    @DeleteMapping(path = "/submissions/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Submission.View cancel(@PathVariable String id, HttpServletRequest http) {
        return broker.cancel(Callers.of(http).key(), id).orElseThrow(() -> new SubmissionNotFoundException(id));
    }

    @Operation(summary = "Queue several programs", description = "{\"submissions\": [...]} of at most BATCH_MAX "
            + "bodies; one entry per item, in order: its id, or the problem with that item alone.")
    @PostMapping(path = "/submissions/batch", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, List<Object>>> batch(@RequestBody JsonNode body, HttpServletRequest http) {
        JsonNode items = body.path("submissions");
        if (!items.isArray() || items.isEmpty() || items.size() > properties.batchMax()) {
            throw new InvalidExecutionRequestException("submissions",
                    "submissions must be an array of 1 to " + properties.batchMax() + " bodies");
        }
        var answers = new ArrayList<Object>();
        for (JsonNode item : items) {
            try {
                var submission = accept(item, http);
                answers.add(new Accepted(submission.id(), SubmissionState.QUEUED));
            } catch (RuntimeException refused) {
                answers.add(Map.of("error", problemOf(refused)));
            }
        }
        return ResponseEntity.accepted().body(Map.of("submissions", answers));
    }

    @Operation(summary = "Read several submissions", description = "ids=a,b,c (at most BATCH_MAX); one entry per id, "
            + "in order, with an error for an id that is unknown, expired or another key's.")
    @GetMapping(path = "/submissions", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, List<Object>> readMany(@RequestParam String ids, HttpServletRequest http) {
        String[] wanted = ids.split(",");
        if (wanted.length > properties.batchMax()) {
            throw new InvalidExecutionRequestException("ids", "at most " + properties.batchMax() + " ids at once");
        }
        String owner = Callers.of(http).key();
        var answers = new ArrayList<Object>();
        for (String id : wanted) {
            answers.add(broker.find(owner, id.strip()).<Object>map(view -> view)
                    .orElseGet(() -> Map.of("id", id.strip(), "error", ProblemType.NOT_FOUND.problem("no such submission"))));
        }
        return Map.of("submissions", answers);
    }

    @ExceptionHandler(SubmissionQueueFullException.class)
    ResponseEntity<ProblemDetail> queueFull(SubmissionQueueFullException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, Math.min(60, e.oldestAge().toSeconds()))))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problemOf(e));
    }

    @ExceptionHandler(SubmissionNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(SubmissionNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemType.NOT_FOUND.problem(e.getMessage()));
    }

    /** Checks a body as /execute would, then queues it. */
    private Submission.View accept(JsonNode body, HttpServletRequest http) {
        return broker.submit(requests.prepare(body, Callers.of(http)));
    }

    private Submission.View owned(String id, HttpServletRequest http) {
        return broker.find(Callers.of(http).key(), id).orElseThrow(() -> new SubmissionNotFoundException(id));
    }

    private void checkWait(Double wait) {
        double most = properties.maxWait().toMillis() / 1000.0;
        if (wait != null && (wait < 0 || wait > most || wait.isNaN())) {
            throw new InvalidExecutionRequestException("wait", "wait must be between 0 and " + most + " seconds");
        }
    }

    /** One batch item's refusal, as the problem a single request would have got. */
    private static ProblemDetail problemOf(RuntimeException refused) {
        ProblemType type = switch (refused) {
            case UnknownLanguageException unknown -> ProblemType.UNKNOWN_LANGUAGE;
            case InvalidExecutionRequestException invalid -> ProblemType.INVALID_REQUEST;
            case FilesTooLargeException tooLarge -> ProblemType.FILES_TOO_LARGE;
            case JacksonException malformed -> ProblemType.MALFORMED_REQUEST;
            case SubmissionQueueFullException full -> ProblemType.QUEUE_FULL;
            default -> throw refused;
        };
        var problem = type.problem(refused instanceof JacksonException ? "the body does not match the /execute fields"
                : refused.getMessage());
        if (refused instanceof InvalidExecutionRequestException invalid) {
            problem.setProperty("field", invalid.field());
        }
        if (refused instanceof SubmissionQueueFullException full) {
            problem.setProperty("queue_depth", full.depth());
            problem.setProperty("oldest_queued_seconds", full.oldestAge().toSeconds());
        }
        return problem;
    }

    static final class SubmissionNotFoundException extends RuntimeException {
        SubmissionNotFoundException(String id) {
            super("no submission " + id + " for this key (unknown, expired, or another key's)");
        }
    }
}
