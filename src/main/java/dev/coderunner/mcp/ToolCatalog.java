package dev.coderunner.mcp;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

import org.springframework.util.unit.DataSize;

import dev.coderunner.execution.ExecutionProperties;
import dev.coderunner.execution.ExecutionStatus;
import dev.coderunner.execution.TestProperties;
import dev.coderunner.execution.Verdict;
import dev.coderunner.language.Language;
import dev.coderunner.language.LanguageRegistry;

/**
 * The tools as a model sees them: names, schemas and descriptions. A model knows nothing of this
 * service but what it reads here, so the descriptions state the limits that are configured (not
 * the defaults), that the sandbox has no network and that nothing survives a call.
 */
final class ToolCatalog {

    static final String RUN_CODE = "run_code";
    static final String RUN_TESTS = "run_tests";
    static final String LIST_LANGUAGES = "list_languages";

    /** Every call runs in a throwaway sandbox: it changes nothing a client could see again. */
    private static final McpSchema.ToolAnnotations SANDBOXED = new McpSchema.ToolAnnotations(null, true, false, true,
            false, null);

    private static final long MB = 1024 * 1024;
    private static final long GB = 1024 * MB;

    private final ExecutionProperties limits;
    private final LanguageRegistry languages;
    private final TestProperties tests;
    private final McpJsonMapper json;

    ToolCatalog(ExecutionProperties limits, LanguageRegistry languages, TestProperties tests, McpJsonMapper json) {
        this.limits = limits;
        this.languages = languages;
        this.tests = tests;
        this.json = json;
    }

    String instructions() {
        return "Runs code in isolated, single-use sandboxes with no network access. run_code runs a program and "
                + "returns its output and how it ended; run_tests checks a program against test cases; "
                + "list_languages names the languages and their versions.";
    }

    McpSchema.Tool runCode() {
        return McpSchema.Tool.builder().name(RUN_CODE).title("Run code")
                .description("Runs a program and returns how it ended: status, exit code, stdout, stderr, run time, "
                        + "CPU time and peak memory.\n\n" + sandbox() + "\n\n" + runLimits() + "\n\nstatus is OK, "
                        + "COMPILE_ERROR (the program did not compile; the compiler's messages are in stderr or "
                        + "stdout), RUNTIME_ERROR (non-zero exit, e.g. an uncaught exception), TIMEOUT, MEMORY_LIMIT, "
                        + "OUTPUT_LIMIT, or INTERNAL_ERROR (the service's failure: retry). A program that fails is "
                        + "a normal result, not a tool error.\n\n" + languageList())
                .inputSchema(json, """
                        {"type": "object", "properties": {
                          %s,
                          "code": {"type": "string", "description": "The program's source, saved as the language's source file (main.py, Main.java...)"},
                          "stdin": {"type": "string", "description": "Standard input, read to end of file; without it the program reads end of file at once"},
                          %s,
                          %s},
                         "required": ["language", "code"], "additionalProperties": false}"""
                        .formatted(languageProperty(), filesProperty(), timeoutProperty()))
                .outputSchema(json, """
                        {"type": "object", "properties": {%s}, "required": [%s]}"""
                        .formatted(runProperties(), RUN_REQUIRED))
                .annotations(SANDBOXED).build();
    }

    McpSchema.Tool runTests() {
        return McpSchema.Tool.builder().name(RUN_TESTS).title("Run code against test cases")
                .description("Runs a program against test cases and returns a verdict for each case (" + verdicts()
                        + ") and overall (the first case's that is not ACCEPTED). The program is compiled once, then "
                        + "each case runs in a fresh sandbox with the case's stdin, and its stdout is compared with "
                        + "expected_output: comparison \"trim\" (default) ignores whitespace at the ends of lines "
                        + "and blank lines at the end, \"exact\" compares byte for byte, \"tokens\" compares the "
                        + "whitespace-separated words. At most " + tests.maxCases() + " cases.\n\n" + sandbox()
                        + "\n\n" + runLimits() + " The limits apply to each case.\n\n" + languageList())
                .inputSchema(json, """
                        {"type": "object", "properties": {
                          %s,
                          "code": {"type": "string", "description": "The program's source, saved as the language's source file (main.py, Main.java...)"},
                          "tests": {"type": "array", "minItems": 1, "maxItems": %d, "description": "The cases, run in this order in the answer", "items": {
                            "type": "object", "properties": {
                              "name": {"type": "string", "description": "Echoed in the case's result; \\"test N\\" otherwise"},
                              "stdin": {"type": "string", "description": "Standard input of this case"},
                              "expected_output": {"type": "string", "description": "What stdout must be, as compared by comparison"}},
                            "required": ["expected_output"], "additionalProperties": false}},
                          "comparison": {"type": "string", "enum": ["trim", "exact", "tokens"], "description": "How stdout is compared with expected_output; default trim"},
                          %s,
                          %s},
                         "required": ["language", "code", "tests"], "additionalProperties": false}"""
                        .formatted(languageProperty(), tests.maxCases(), filesProperty(), timeoutProperty()))
                .outputSchema(json, """
                        {"type": "object", "properties": {%s,
                          "verdict": {"type": "string", "enum": [%s]},
                          "passed": {"type": "integer"},
                          "total": {"type": "integer"},
                          "tests": {"type": "array", "items": {"type": "object", "properties": {
                            "name": {"type": "string"}, "verdict": {"type": "string", "enum": [%s]}}, "required": ["name", "verdict"]}}},
                         "required": [%s, "verdict", "passed", "total", "tests"]}"""
                        .formatted(runProperties(), quotedList(Verdict.values()), quotedList(Verdict.values()),
                                RUN_REQUIRED))
                .annotations(SANDBOXED).build();
    }

    McpSchema.Tool listLanguages() {
        return McpSchema.Tool.builder().name(LIST_LANGUAGES).title("List languages")
                .description("Lists the languages run_code and run_tests accept: id, name, runtime version, aliases "
                        + "(the id or any alias, in any case, may be given as language) and whether it is compiled.")
                .inputSchema(json, """
                        {"type": "object", "properties": {}, "additionalProperties": false}""")
                .outputSchema(json, """
                        {"type": "object", "properties": {"languages": {"type": "array", "items": {"type": "object",
                          "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "version": {"type": "string"},
                            "version_verified": {"type": "boolean"}, "aliases": {"type": "array", "items": {"type": "string"}},
                            "compiled": {"type": "boolean"}},
                          "required": ["id", "name", "version", "aliases", "compiled"]}}},
                         "required": ["languages"]}""")
                .annotations(new McpSchema.ToolAnnotations(null, true, false, true, false, null)).build();
    }

    private static final String RUN_REQUIRED = "\"status\", \"success\", \"exit_code\", \"stdout\", \"stderr\", "
            + "\"execution_time\", \"language\", \"version\", \"execution_id\"";

    /** The fields of {@code POST /execute}'s answer a model reads; the others pass through unchecked. */
    private static String runProperties() {
        return """
                "status": {"type": "string", "enum": [%s]},
                "success": {"type": "boolean", "description": "true only when status is OK"},
                "exit_code": {"type": "integer", "description": "128 + the signal's number when killed by one"},
                "stdout": {"type": "string"}, "stderr": {"type": "string"},
                "output": {"type": "string", "description": "stdout and stderr interleaved as written"},
                "truncated": {"type": "boolean", "description": "the output reached the limit and was cut there"},
                "signal": {"type": ["string", "null"]},
                "execution_time": {"type": "number", "description": "seconds"},
                "cpu_time": {"type": ["number", "null"], "description": "seconds"},
                "memory": {"type": ["integer", "null"], "description": "peak bytes"},
                "language": {"type": "string"}, "version": {"type": "string"},
                "compile": {"type": ["object", "null"], "description": "compiled languages: the compile step's own outcome"},
                "execution_id": {"type": "string"}""".formatted(quotedList(ExecutionStatus.values()));
    }

    private String languageProperty() {
        return "\"language\": {\"type\": \"string\", \"description\": \"Language id or alias, any case: "
                + String.join(", ", languages.ids()) + "\"}";
    }

    private static String filesProperty() {
        return """
                "files": {"type": "array", "description": "More files beside code, e.g. modules it imports or data it reads", "items": {
                    "type": "object", "properties": {
                      "name": {"type": "string", "description": "Relative path: letters, digits, _ - + . and /"},
                      "content": {"type": "string"}},
                    "required": ["name", "content"], "additionalProperties": false}}""";
    }

    private String timeoutProperty() {
        return "\"timeout\": {\"type\": \"number\", \"description\": \"Wall-clock limit of the run in seconds; "
                + "default " + seconds(limits.defaultTimeout()) + ", at most " + seconds(limits.maxTimeout()) + "\"}";
    }

    private String sandbox() {
        return "Each call runs in a fresh, isolated sandbox that is destroyed afterwards: nothing persists between "
                + "calls (no files, no state, no installed packages), so send everything the program needs in one "
                + "call. The sandbox has NO network access: nothing can be downloaded or installed, only the "
                + "libraries the runtime ships with are there. The program runs as an unprivileged user in a "
                + "writable working directory of " + size(limits.workspaceSize()) + " holding code and files.";
    }

    private String runLimits() {
        return "Limits: wall-clock time " + seconds(limits.defaultTimeout()) + " s by default, at most "
                + seconds(limits.maxTimeout()) + " s (timeout); compiling at most " + seconds(limits.compileTimeout())
                + " s; memory " + size(limits.memory()) + perLanguage(limits::memoryFor, limits.memory(),
                ToolCatalog::size) + "; " + limits.pids() + " processes and threads" + perLanguage(limits::pidsFor,
                limits.pids(), String::valueOf) + "; stdout and stderr together at most " + size(limits.outputLimit())
                + ", past which the program is stopped (OUTPUT_LIMIT). stdin is the stdin given, then end of file: "
                + "a program cannot be interactive.";
    }

    /** The languages whose own limit differs from the global one, e.g. " (java: 512 MB)". */
    private <T> String perLanguage(Function<Language, T> limit, T global, Function<T, String> format) {
        String exceptions = languages.all().stream().filter(language -> !limit.apply(language).equals(global))
                .map(language -> language.id() + ": " + format.apply(limit.apply(language)))
                .collect(Collectors.joining(", "));
        return exceptions.isEmpty() ? "" : " (" + exceptions + ")";
    }

    private String languageList() {
        return "Languages: " + languages.all().stream()
                .map(language -> language.id() + " (" + (language.aliases().isEmpty() ? "" : "aliases "
                        + String.join(", ", language.aliases()) + "; ") + "code saved as " + language.sourceFile() + ")")
                .collect(Collectors.joining(", ")) + ". list_languages gives their versions.";
    }

    private static String verdicts() {
        return Arrays.stream(Verdict.values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String quotedList(Enum<?>[] values) {
        return Arrays.stream(values).map(value -> "\"" + value.name() + "\"").collect(Collectors.joining(", "));
    }

    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    static String size(DataSize size) {
        long bytes = size.toBytes();
        if (bytes >= GB && bytes % GB == 0) {
            return bytes / GB + " GB";
        }
        if (bytes >= MB && bytes % MB == 0) {
            return bytes / MB + " MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
