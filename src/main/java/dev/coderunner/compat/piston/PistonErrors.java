package dev.coderunner.compat.piston;

import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.coderunner.auth.TooManyConcurrentRunsException;
import dev.coderunner.execution.FilesTooLargeException;
import dev.coderunner.execution.InvalidExecutionRequestException;
import dev.coderunner.execution.ServiceBusyException;
import dev.coderunner.execution.ServiceDrainingException;
import dev.coderunner.execution.UnknownLanguageException;
import dev.coderunner.sandbox.SandboxUnavailableException;

/**
 * Refusals of the Piston API in Piston's shape, {@code {"message"}}, with our status codes and
 * Retry-After where waiting helps. Anything not listed (a body too large or too slow, our own
 * failures) keeps the service's problem details.
 */
@RestControllerAdvice(assignableTypes = PistonController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PistonErrors {

    private static final Logger log = LoggerFactory.getLogger(PistonErrors.class);

    @ExceptionHandler({PistonRequestException.class, InvalidExecutionRequestException.class,
            UnknownLanguageException.class})
    ResponseEntity<Map<String, String>> refused(RuntimeException e) {
        return message(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(PistonUnsupportedTypeException.class)
    ResponseEntity<Map<String, String>> unsupportedType(PistonUnsupportedTypeException e) {
        return message(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
    }

    @ExceptionHandler(FilesTooLargeException.class)
    ResponseEntity<Map<String, String>> filesTooLarge(FilesTooLargeException e) {
        return message(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(ServiceBusyException.class)
    ResponseEntity<Map<String, String>> busy(ServiceBusyException e) {
        return retryLater(HttpStatus.TOO_MANY_REQUESTS, Math.max(1, e.retryAfter().toSeconds()), e.getMessage());
    }

    @ExceptionHandler(TooManyConcurrentRunsException.class)
    ResponseEntity<Map<String, String>> tooManyRuns(TooManyConcurrentRunsException e) {
        return retryLater(HttpStatus.TOO_MANY_REQUESTS, 1, e.getMessage());
    }

    @ExceptionHandler(ServiceDrainingException.class)
    ResponseEntity<Map<String, String>> draining(ServiceDrainingException e) {
        return retryLater(HttpStatus.SERVICE_UNAVAILABLE, 5, e.getMessage());
    }

    @ExceptionHandler(SandboxUnavailableException.class)
    ResponseEntity<Map<String, String>> engineUnavailable(SandboxUnavailableException e) {
        String id = UUID.randomUUID().toString();
        log.warn("No sandbox for a Piston run [error id {}]: {}", id, e.getMessage());
        return retryLater(HttpStatus.SERVICE_UNAVAILABLE, 5,
                "the sandbox engine cannot run programs right now; retry shortly (error id " + id + ")");
    }

    private static ResponseEntity<Map<String, String>> retryLater(HttpStatus status, long seconds, String message) {
        return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                .body(Map.of("message", message));
    }

    private static ResponseEntity<Map<String, String>> message(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("message", message));
    }
}
