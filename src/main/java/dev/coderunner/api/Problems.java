package dev.coderunner.api;

import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import dev.coderunner.auth.TooManyConcurrentRunsException;
import dev.coderunner.execution.FilesTooLargeException;
import dev.coderunner.execution.InvalidExecutionRequestException;
import dev.coderunner.execution.ServiceBusyException;
import dev.coderunner.execution.ServiceDrainingException;
import dev.coderunner.execution.UnknownLanguageException;
import dev.coderunner.sandbox.SandboxUnavailableException;

/**
 * The one mapping from a refused or failed run to its problem details, for every way an answer
 * leaves the service: an HTTP error response, a line of a stream, a WebSocket message.
 *
 * @param retryAfter when the same request may be tried again, or null when retrying will not help
 */
public record Problems(ProblemDetail problem, Duration retryAfter) {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    private static final Duration ENGINE_RETRY_AFTER = Duration.ofSeconds(5);

    public static Problems of(Throwable failure) {
        return switch (failure) {
            case UnknownLanguageException e -> {
                var problem = ProblemType.UNKNOWN_LANGUAGE.problem(e.getMessage());
                problem.setProperty("known_languages", e.known());
                yield new Problems(problem, null);
            }
            case InvalidExecutionRequestException e -> {
                var problem = ProblemType.INVALID_REQUEST.problem(e.getMessage());
                problem.setProperty("field", e.field());
                yield new Problems(problem, null);
            }
            case FilesTooLargeException e -> new Problems(ProblemType.FILES_TOO_LARGE.problem(e.getMessage()), null);
            case SandboxUnavailableException e -> {
                // Our failure, not the client's: nothing ran, so the same request may be retried shortly.
                String id = UUID.randomUUID().toString();
                log.warn("No sandbox for a run [error id {}]: {}", id, e.getMessage());
                var problem = ProblemType.ENGINE_UNAVAILABLE.problem("the sandbox engine cannot run programs right now; "
                        + "retry shortly (error id " + id + ")");
                problem.setProperty("error_id", id);
                yield new Problems(problem, ENGINE_RETRY_AFTER);
            }
            case TooManyConcurrentRunsException e ->
                    new Problems(ProblemType.TOO_MANY_CONCURRENT_RUNS.problem(e.getMessage()), Duration.ofSeconds(1));
            case ServiceDrainingException e -> new Problems(ProblemType.DRAINING.problem(e.getMessage()), ENGINE_RETRY_AFTER);
            case ServiceBusyException e -> new Problems(ProblemType.BUSY.problem(e.getMessage()),
                    Duration.ofSeconds(Math.max(1, e.retryAfter().toSeconds())));
            default -> {
                String id = UUID.randomUUID().toString();
                log.error("Request failed [error id {}]", id, failure);
                var problem = ProblemType.INTERNAL.problem("the service failed to complete the request; quote error id " + id);
                problem.setProperty("error_id", id);
                yield new Problems(problem, null);
            }
        };
    }

    public int status() {
        return problem.getStatus();
    }

    ResponseEntity<ProblemDetail> response() {
        var response = ResponseEntity.status(problem.getStatus());
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.toSeconds()));
        }
        return response.body(problem);
    }
}
