package dev.coderunner.compat.judge0;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.coderunner.api.Callers;
import dev.coderunner.execution.FilesTooLargeException;
import dev.coderunner.execution.InvalidExecutionRequestException;
import dev.coderunner.submissions.SubmissionProperties;

/**
 * Judge0 CE's submissions API at {@code /judge0}: its requests, answers and error shapes, over our
 * core. Errors raised before a handler runs (authentication, body size) keep our problem details.
 */
@RestController
@RequestMapping(path = "/judge0", produces = MediaType.APPLICATION_JSON_VALUE)
class Judge0SubmissionController {

    static final String CONVERSION_ERROR = "some attributes for this submission cannot be converted to UTF-8, "
            + "use base64_encoded=true query parameter";
    static final String BATCH_CONVERSION_ERROR = "some attributes for one or more submissions cannot be converted "
            + "to UTF-8, use base64_encoded=true query parameter";
    /** Our field names in the core's refusals, as Judge0 names them. */
    private static final Map<String, String> JUDGE0_FIELDS = Map.of("timeout", "wall_time_limit",
            "cpu_time", "cpu_time_limit", "memory_limit_mb", "memory_limit", "files", "additional_files",
            "code", "source_code", "args", "command_line_arguments", "language", "language_id");

    private final Judge0SubmissionReader reader;
    private final Judge0Submissions submissions;
    private final SubmissionProperties properties;
    private final JsonMapper json;

    Judge0SubmissionController(Judge0SubmissionReader reader, Judge0Submissions submissions,
                               SubmissionProperties properties, JsonMapper json) {
        this.reader = reader;
        this.submissions = submissions;
        this.properties = properties;
        this.json = json;
    }

    @PostMapping(path = "/submissions", params = "wait=true")
    CompletableFuture<ResponseEntity<Map<String, Object>>> createAndWait(@RequestBody(required = false) String body,
            @RequestParam(name = "base64_encoded", required = false) String base64,
            @RequestParam(required = false) String fields, HttpServletRequest http) {
        Judge0Fields chosen = Judge0Fields.parse(fields);
        boolean encoded = "true".equals(base64);
        var submission = reader.read(parse(body, http), encoded);
        return submissions.runAndWait(submission, Callers.of(http)).thenApply(view -> {
            if (!encoded && chosen.unconvertible(view)) {
                var error = new LinkedHashMap<String, Object>();
                error.put("token", view.get("token"));
                error.put("error", CONVERSION_ERROR);
                return ResponseEntity.status(HttpStatus.CREATED).body(error);
            }
            return ResponseEntity.status(HttpStatus.CREATED).body(chosen.select(view, encoded));
        });
    }

    @PostMapping(path = "/submissions")
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) String body,
            @RequestParam(name = "base64_encoded", required = false) String base64,
            @RequestParam(required = false) String fields, HttpServletRequest http) {
        Judge0Fields.parse(fields);
        var submission = reader.read(parse(body, http), "true".equals(base64));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("token", submissions.queue(submission, Callers.of(http))));
    }

    @GetMapping(path = "/submissions/{token}")
    ResponseEntity<Map<String, Object>> read(@PathVariable String token,
            @RequestParam(name = "base64_encoded", required = false) String base64,
            @RequestParam(required = false) String fields, HttpServletRequest http) {
        Judge0Fields chosen = Judge0Fields.parse(fields);
        boolean encoded = "true".equals(base64);
        var view = submissions.find(Callers.of(http).key(), token).orElseThrow(NotFoundException::new);
        if (!encoded && chosen.unconvertible(view)) {
            return ResponseEntity.badRequest().body(Map.of("error", CONVERSION_ERROR));
        }
        return ResponseEntity.ok(chosen.select(view, encoded));
    }

    @PostMapping(path = "/submissions/batch")
    ResponseEntity<List<Map<String, Object>>> createBatch(@RequestBody(required = false) String body,
            @RequestParam(name = "base64_encoded", required = false) String base64, HttpServletRequest http) {
        JsonNode items = parse(body, http).path("submissions");
        checkBatchSize(items.isArray() ? items.size() : 0);
        var answers = new ArrayList<Map<String, Object>>();
        boolean anyQueued = false;
        for (JsonNode item : items) {
            try {
                var submission = reader.read(item, "true".equals(base64));
                answers.add(Map.of("token", submissions.queue(submission, Callers.of(http))));
                anyQueued = true;
            } catch (Judge0RequestException refused) {
                answers.add(new LinkedHashMap<>(refused.errors()));
            } catch (InvalidExecutionRequestException | FilesTooLargeException refused) {
                answers.add(new LinkedHashMap<>(errorsOf(refused).errors()));
            } catch (Judge0Submissions.QueueFullException full) {
                answers.add(Map.of("error", "queue is full"));
            }
        }
        return ResponseEntity.status(anyQueued ? HttpStatus.CREATED : HttpStatus.UNPROCESSABLE_CONTENT).body(answers);
    }

    @GetMapping(path = "/submissions/batch")
    ResponseEntity<Map<String, Object>> readBatch(@RequestParam(required = false) String tokens,
            @RequestHeader(name = "tokens", required = false) String tokensHeader,
            @RequestParam(name = "base64_encoded", required = false) String base64,
            @RequestParam(required = false) String fields, HttpServletRequest http) {
        Judge0Fields chosen = Judge0Fields.parse(fields);
        boolean encoded = "true".equals(base64);
        String wanted = (tokensHeader != null ? tokensHeader : tokens == null ? "" : tokens).strip();
        String[] ids = wanted.isEmpty() ? new String[0] : wanted.split(",");
        checkBatchSize(ids.length);
        String owner = Callers.of(http).key();
        var answers = new ArrayList<Object>();
        for (String id : ids) {
            var view = submissions.find(owner, id.strip());
            if (view.isPresent() && !encoded && chosen.unconvertible(view.get())) {
                return ResponseEntity.badRequest().body(Map.of("error", BATCH_CONVERSION_ERROR));
            }
            answers.add(view.map(found -> chosen.select(found, encoded)).orElse(null));
        }
        var answer = new LinkedHashMap<String, Object>();
        answer.put("submissions", answers);
        return ResponseEntity.ok(answer);
    }

    @ExceptionHandler(Judge0RequestException.class)
    ResponseEntity<Map<String, List<String>>> invalid(Judge0RequestException e) {
        return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_JSON).body(e.errors());
    }

    /** The core refused what our own checks let through (a file name in the archive, say). */
    @ExceptionHandler({InvalidExecutionRequestException.class, FilesTooLargeException.class})
    ResponseEntity<Map<String, List<String>>> refused(RuntimeException e) {
        return invalid(errorsOf(e));
    }

    @ExceptionHandler(Judge0Fields.InvalidFieldsException.class)
    ResponseEntity<Map<String, String>> invalidFields(Judge0Fields.InvalidFieldsException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(BatchSizeException.class)
    ResponseEntity<Map<String, String>> batchSize(BatchSizeException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound() {
        return railsError(HttpStatus.NOT_FOUND, "Not Found");
    }

    @ExceptionHandler(MalformedBodyException.class)
    ResponseEntity<Map<String, Object>> malformed() {
        return railsError(HttpStatus.BAD_REQUEST, "Bad Request");
    }

    /** Judge0 says so with 503; busy, draining and engine failures keep our problem details. */
    @ExceptionHandler(Judge0Submissions.QueueFullException.class)
    ResponseEntity<Map<String, Object>> queueFull() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", "queue is full"));
    }

    /** Rails' own answer for an error it raised itself (a record not found, unparsable JSON). */
    private static ResponseEntity<Map<String, Object>> railsError(HttpStatus status, String error) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", status.value());
        body.put("error", error);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static Judge0RequestException errorsOf(RuntimeException refused) {
        String field = refused instanceof InvalidExecutionRequestException invalid
                ? JUDGE0_FIELDS.getOrDefault(invalid.field(), invalid.field()) : "additional_files";
        return new Judge0RequestException(field, refused.getMessage());
    }

    /**
     * The body as Rails reads it: JSON when it says so (unparsable JSON is a 400), form fields when
     * it is a form, nothing otherwise (so the required fields are reported missing).
     */
    private JsonNode parse(String body, HttpServletRequest http) {
        String type = http.getContentType() == null ? "" : http.getContentType().toLowerCase(java.util.Locale.ROOT);
        if (type.contains("json")) {
            if (body == null || body.isBlank()) {
                return json.createObjectNode();
            }
            try {
                return json.readTree(body);
            } catch (JacksonException e) {
                throw new MalformedBodyException();
            }
        }
        var fields = json.createObjectNode();
        if (type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
            http.getParameterMap().forEach((name, values) -> fields.put(name, values[values.length - 1]));
        }
        return fields;
    }

    private void checkBatchSize(int size) {
        if (size > properties.batchMax()) {
            throw new BatchSizeException("number of submissions in a batch should be less than or equal to "
                    + properties.batchMax());
        }
        if (size == 0) {
            throw new BatchSizeException("there should be at least one submission in a batch");
        }
    }

    static final class NotFoundException extends RuntimeException {
    }

    static final class MalformedBodyException extends RuntimeException {
    }

    static final class BatchSizeException extends RuntimeException {
        BatchSizeException(String message) {
            super(message);
        }
    }
}
