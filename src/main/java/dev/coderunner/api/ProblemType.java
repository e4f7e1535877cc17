package dev.coderunner.api;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The stable {@code type} of every error the API returns (RFC 9457 problem details). */
public enum ProblemType {
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "Malformed request"),
    INVALID_REQUEST(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid request"),
    UNKNOWN_LANGUAGE(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown language"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Missing or invalid API key"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    REQUEST_TIMEOUT(HttpStatus.REQUEST_TIMEOUT, "Request sent too slowly"),
    HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request headers too large"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
    FILES_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Files do not fit in the working directory"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    BUSY(HttpStatus.TOO_MANY_REQUESTS, "Too many runs in progress"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests for this key"),
    TOO_MANY_CONCURRENT_RUNS(HttpStatus.TOO_MANY_REQUESTS, "Too many runs at once for this key"),
    QUEUE_FULL(HttpStatus.TOO_MANY_REQUESTS, "Submission queue full"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    ENGINE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Sandbox engine unavailable"),
    DRAINING(HttpStatus.SERVICE_UNAVAILABLE, "Shutting down");

    private final HttpStatus status;
    private final String title;

    ProblemType(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return URI.create("urn:code-runner:problem:" + name().toLowerCase().replace('_', '-'));
    }

    String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemDetail problem(String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(uri());
        problem.setTitle(title);
        return problem;
    }

    static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status.value() == status && type != UNKNOWN_LANGUAGE && type != INVALID_REQUEST
                    && type != FILES_TOO_LARGE && type != RATE_LIMITED && type != TOO_MANY_CONCURRENT_RUNS
                    && type != DRAINING && type != QUEUE_FULL) {
                return type;
            }
        }
        return status == 422 ? INVALID_REQUEST : status >= 500 ? INTERNAL : MALFORMED_REQUEST;
    }
}
