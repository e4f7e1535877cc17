package dev.coderunner.api;


import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;


import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.coderunner.auth.RunsCode;
import dev.coderunner.execution.ExecutionRequest;
import dev.coderunner.execution.ExecutionService;
import dev.coderunner.execution.TestProperties;

@RestController
class ExecuteController {

    static final String EXECUTION_ID_HEADER = "X-Execution-Id";

    private final ExecutionService executions;
    private final TestProperties tests;
    private final LiveEvents events;

    ExecuteController(ExecutionService executions, TestProperties tests, LiveEvents events) {
        this.executions = executions;
        this.tests = tests;
        this.events = events;
    }

    @Operation(summary = "Run a program", description = "Runs the program in a fresh sandbox and answers with how it "
            + "ended. A 200 means it ran (or failed to compile), whatever its status; 4xx means the request was wrong "
            + "and nothing ran; 429 and 503 carry Retry-After. With Accept: application/x-ndjson the run is streamed once it "
            + "has started: one JSON event per line (started, stage, stdout, stderr, heartbeat, then result or error).")
    @ApiResponse(responseCode = "200", description = "The program ran; see status")
    @ApiResponse(responseCode = "400", description = "malformed-request", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "unauthorized", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "408", description = "request-timeout", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "413", description = "payload-too-large, files-too-large", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "415", description = "unsupported-media-type", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "invalid-request, unknown-language", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = "busy, rate-limited, too-many-concurrent-runs", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "500", description = "internal", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "engine-unavailable, draining", content = @Content(mediaType = "application/problem+json"))
    @RunsCode
    @PostMapping(path = "/execute", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, NdjsonRun.MEDIA_TYPE})
    ResponseEntity<ExecuteResponse> execute(@Valid @RequestBody ExecuteRequest body, HttpServletRequest http,
                                            HttpServletResponse response) {
        var request = ExecutionRequests.of(body, Callers.of(http), tests.maxCases());
        if (streamWanted(http)) {
            stream(request, response);
            return null;
        }
        var result = executions.execute(request);
        return ResponseEntity.ok().header(EXECUTION_ID_HEADER, result.executionId()).body(ExecuteResponse.of(result));
    }

    /**
     * The run streamed as NDJSON events. A refusal before it starts propagates as usual (a
     * problem-details answer); a failure after that is the stream's last event.
     */
    private void stream(ExecutionRequest request, HttpServletResponse response) {
        try (var stream = new NdjsonRun(response, events)) {
            try {
                stream.result(ExecuteResponse.of(executions.execute(request, stream)));
            } catch (RuntimeException failed) {
                if (!stream.hasStarted()) {
                    throw failed;
                }
                stream.error(Problems.of(failed));
            }
        } finally {
            Thread.interrupted(); // a client that went away interrupted this request's thread to end its run
        }
    }

    /** NDJSON only when the client ranks it first among the two answers it may get; JSON for anything vaguer. */
    private static boolean streamWanted(HttpServletRequest http) {
        String accept = http.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            return false;
        }
        var ndjson = MediaType.parseMediaType(NdjsonRun.MEDIA_TYPE);
        try {
            var accepted = MediaType.parseMediaTypes(accept);
            MimeTypeUtils.sortBySpecificity(accepted);
            return accepted.stream().filter(type -> type.getQualityValue() > 0)
                    .filter(type -> type.isCompatibleWith(ndjson) || type.isCompatibleWith(MediaType.APPLICATION_JSON))
                    .findFirst().map(type -> type.equalsTypeAndSubtype(ndjson)).orElse(false);
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }

}
