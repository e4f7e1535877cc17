package dev.coderunner.compat.piston;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.coderunner.api.Callers;
import dev.coderunner.auth.RunsCode;
import dev.coderunner.execution.ExecutionService;

/**
 * Piston's v2 API over our runs, so Piston's clients work by changing their base URL. The body of
 * an execute is read whatever its declared type is JSON or text: the npm client {@code piston-client}
 * labels its JSON {@code text/plain}.
 */
@Tag(name = "Piston v2", description = "Piston's API (https://github.com/engineer-man/piston), see docs/piston.md")
@RestController
@RequestMapping(PistonController.BASE)
class PistonController {

    static final String BASE = "/api/v2";
    private static final String EXECUTION_ID_HEADER = "X-Execution-Id";

    /** One entry of {@code GET /api/v2/packages}: what the images hold. */
    record InstalledPackage(String language, String languageVersion, boolean installed) {
    }

    private final PistonRuntimes runtimes;
    private final PistonRequests requests;
    private final ExecutionService executions;
    private final JsonMapper json;

    PistonController(PistonRuntimes runtimes, PistonRequests requests, ExecutionService executions, JsonMapper json) {
        this.runtimes = runtimes;
        this.requests = requests;
        this.executions = executions;
        this.json = json;
    }

    @Operation(summary = "Piston: list runtimes")
    @GetMapping("/runtimes")
    List<PistonRuntimes.PistonRuntime> runtimes() {
        return runtimes.all();
    }

    @Operation(summary = "Piston: run a program", description = "Piston's execute request and answer; see docs/piston.md")
    @RunsCode
    @PostMapping("/execute")
    ResponseEntity<PistonResponse> execute(@RequestBody(required = false) byte[] body,
                                           @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String type,
                                           HttpServletRequest http) {
        if (type == null || !(type.startsWith("application/json") || type.startsWith("text/plain"))) {
            throw new PistonUnsupportedTypeException();
        }
        var parsed = requests.parse(tree(body), Callers.of(http));
        var result = executions.execute(parsed.request());
        return ResponseEntity.ok().header(EXECUTION_ID_HEADER, result.executionId())
                .body(PistonResponse.of(parsed.runtime(), result));
    }

    @Operation(summary = "Piston: list installed packages")
    @GetMapping("/packages")
    List<InstalledPackage> packages() {
        return runtimes.all().stream()
                .map(runtime -> new InstalledPackage(runtime.language(), runtime.version(), true)).toList();
    }

    @Operation(summary = "Piston: install or remove a package (refused: runtimes come with the images)")
    @PostMapping("/packages")
    ResponseEntity<Map<String, String>> install() {
        return packagesAreReadOnly();
    }

    @Operation(summary = "Piston: remove a package (refused: runtimes come with the images)")
    @DeleteMapping("/packages")
    ResponseEntity<Map<String, String>> uninstall() {
        return packagesAreReadOnly();
    }

    private static ResponseEntity<Map<String, String>> packagesAreReadOnly() {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "GET")
                .body(Map.of("message", "packages cannot be installed or removed here: each runtime is part of the "
                        + "service's images (see GET /api/v2/packages for what is installed)"));
    }

    private JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            throw new PistonRequestException("the request body must be a JSON object");
        }
        try {
            return json.readTree(body);
        } catch (JacksonException malformed) {
            throw new PistonRequestException("the request body is not valid JSON");
        }
    }
}
