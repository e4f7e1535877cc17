package dev.coderunner.api;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.coderunner.auth.TooManyConcurrentRunsException;
import dev.coderunner.execution.FilesTooLargeException;
import dev.coderunner.execution.InvalidExecutionRequestException;
import dev.coderunner.execution.ServiceBusyException;
import dev.coderunner.execution.ServiceDrainingException;
import dev.coderunner.execution.UnknownLanguageException;
import dev.coderunner.sandbox.SandboxUnavailableException;
import tools.jackson.core.JacksonException;

/**
 * Maps every failure to problem details with a stable type. Client mistakes say what to fix;
 * service failures say nothing about internals and are logged with an id the client can quote.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final Duration ENGINE_RETRY_AFTER = Duration.ofSeconds(5);

    @ExceptionHandler(UnknownLanguageException.class)
    ResponseEntity<ProblemDetail> unknownLanguage(UnknownLanguageException e) {
        var problem = ProblemType.UNKNOWN_LANGUAGE.problem(e.getMessage());
        problem.setProperty("known_languages", e.known());
        return respond(problem);
    }

    @ExceptionHandler(InvalidExecutionRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidExecutionRequestException e) {
        var problem = ProblemType.INVALID_REQUEST.problem(e.getMessage());
        problem.setProperty("field", e.field());
        return respond(problem);
    }

    @ExceptionHandler(FilesTooLargeException.class)
    ResponseEntity<ProblemDetail> filesTooLarge(FilesTooLargeException e) {
        return respond(ProblemType.FILES_TOO_LARGE.problem(e.getMessage()));
    }

    /** Our failure, not the client's: nothing ran, so the same request may be retried shortly. */
    @ExceptionHandler(SandboxUnavailableException.class)
    ResponseEntity<ProblemDetail> engineUnavailable(SandboxUnavailableException e) {
        String id = UUID.randomUUID().toString();
        log.warn("No sandbox for a run [error id {}]: {}", id, e.getMessage());
        var problem = ProblemType.ENGINE_UNAVAILABLE.problem("the sandbox engine cannot run programs right now; "
                + "retry shortly (error id " + id + ")");
        problem.setProperty("error_id", id);
        return ResponseEntity.status(ProblemType.ENGINE_UNAVAILABLE.status())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(ENGINE_RETRY_AFTER.toSeconds()))
                .body(problem);
    }

    @ExceptionHandler(TooManyConcurrentRunsException.class)
    ResponseEntity<ProblemDetail> tooManyRuns(TooManyConcurrentRunsException e) {
        return ResponseEntity.status(ProblemType.TOO_MANY_CONCURRENT_RUNS.status())
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(ProblemType.TOO_MANY_CONCURRENT_RUNS.problem(e.getMessage()));
    }

    @ExceptionHandler(ServiceDrainingException.class)
    ResponseEntity<ProblemDetail> draining(ServiceDrainingException e) {
        return ResponseEntity.status(ProblemType.DRAINING.status())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(ENGINE_RETRY_AFTER.toSeconds()))
                .body(ProblemType.DRAINING.problem(e.getMessage()));
    }

    @ExceptionHandler(ServiceBusyException.class)
    ResponseEntity<ProblemDetail> busy(ServiceBusyException e) {
        return ResponseEntity.status(ProblemType.BUSY.status())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())))
                .body(ProblemType.BUSY.problem(e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        String id = UUID.randomUUID().toString();
        log.error("Request failed [error id {}]", id, e);
        var problem = ProblemType.INTERNAL.problem("the service failed to complete the request; quote error id " + id);
        problem.setProperty("error_id", id);
        return respond(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(e, RequestSizeFilter.BodyTooSlowException.class) != null
                || causedBy(e, java.net.SocketTimeoutException.class) != null) {
            headers.set(HttpHeaders.CONNECTION, "close");
            return handleExceptionInternal(e, ProblemType.REQUEST_TIMEOUT.problem(
                    "the request body did not arrive in time; nothing was run"), headers,
                    ProblemType.REQUEST_TIMEOUT.status(), request);
        }
        if (causedBy(e, RequestSizeFilter.BodyTooLargeException.class) != null) {
            headers.set(HttpHeaders.CONNECTION, "close");
            return handleExceptionInternal(e, ProblemType.PAYLOAD_TOO_LARGE.problem(
                    causedBy(e, RequestSizeFilter.BodyTooLargeException.class).getMessage()), headers,
                    ProblemType.PAYLOAD_TOO_LARGE.status(), request);
        }
        return handleExceptionInternal(e, ProblemType.MALFORMED_REQUEST.problem(readableReason(e)), headers,
                ProblemType.MALFORMED_REQUEST.status(), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getBindingResult().getAllErrors().stream()
                .map(error -> error.getDefaultMessage())
                .distinct().sorted().collect(Collectors.joining("; "));
        return handleExceptionInternal(e, ProblemType.INVALID_REQUEST.problem(detail), headers,
                ProblemType.INVALID_REQUEST.status(), request);
    }

    /** Gives every framework-made problem (404, 405, 415…) a stable type as well. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(ProblemType.forStatus(status.value()).uri());
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    /** Names the offending field for type errors; never echoes parser internals or input. */
    private static String readableReason(HttpMessageNotReadableException e) {
        JacksonException jackson = causedBy(e, JacksonException.class);
        if (jackson == null) {
            return "the request body is missing or is not valid JSON";
        }
        String path = jackson.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "the request body is not valid JSON"
                : "field '" + path + "' has a value of the wrong type or format";
    }

    private static <T extends Throwable> T causedBy(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
