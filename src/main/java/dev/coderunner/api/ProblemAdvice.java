package dev.coderunner.api;

import java.util.stream.Collectors;

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


    @ExceptionHandler({UnknownLanguageException.class, InvalidExecutionRequestException.class,
            FilesTooLargeException.class, SandboxUnavailableException.class, TooManyConcurrentRunsException.class,
            ServiceDrainingException.class, ServiceBusyException.class, Exception.class})
    ResponseEntity<ProblemDetail> refusedOrFailed(Exception e) {
        return Problems.of(e).response();
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
}
