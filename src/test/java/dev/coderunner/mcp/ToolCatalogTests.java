package dev.coderunner.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.coderunner.api.ExecuteResponse;
import dev.coderunner.execution.ExecutionProperties;
import dev.coderunner.execution.ExecutionStatus;
import dev.coderunner.execution.TestProperties;
import dev.coderunner.execution.Verdict;
import dev.coderunner.language.LanguageDefinition;
import dev.coderunner.language.LanguageProperties;
import dev.coderunner.language.LanguageRegistry;

class ToolCatalogTests {

    /** The application's mapper as far as the answers' shape goes: snake_case, as /execute writes them. */
    private static final JsonMapper WIRE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    private static final DefaultJsonSchemaValidator SCHEMAS = new DefaultJsonSchemaValidator();

    private static final ExecutionProperties LIMITS = new ExecutionProperties(Duration.ofSeconds(5),
            Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(30), DataSize.ofMegabytes(256),
            DataSize.ofMegabytes(512), 1.0, 64, DataSize.ofKilobytes(64), DataSize.ofMegabytes(16), 256,
            DataSize.ofMegabytes(32), new ExecutionProperties.Concurrency(0, null, Duration.ofSeconds(5), null));

    private static final ToolCatalog CATALOG = new ToolCatalog(LIMITS, registry(), new TestProperties(12),
            new JacksonMcpJsonMapper(JsonMapper.shared()));

    private static LanguageRegistry registry() {
        var languages = new LinkedHashMap<String, LanguageDefinition>();
        languages.put("python", language("Python", List.of("py", "python3"), "main.py", null));
        languages.put("java", language("Java", List.of(), "Main.java", DataSize.ofMegabytes(512)));
        return new LanguageRegistry(new LanguageProperties(languages));
    }

    private static LanguageDefinition language(String name, List<String> aliases, String file, DataSize memory) {
        return new LanguageDefinition(name, "1", List.of(), aliases, "image", file, List.of(), List.of(), List.of("run", "{file}"),
                List.of(), List.of(), new LanguageDefinition.Limits(memory, null, null), java.util.Map.of());
    }

    @Test
    void descriptionsStateTheConfiguredLimitsTheSandboxAndTheLanguages() {
        String description = CATALOG.runCode().description();

        assertThat(description).contains("NO network access", "fresh, isolated sandbox", "nothing persists between calls",
                "5 s by default, at most 20 s", "compiling at most 40 s", "memory 256 MB (java: 512 MB)",
                "64 processes and threads;", "at most 64 KB", "working directory of 32 MB",
                "java (code saved as Main.java), python (aliases py, python3; code saved as main.py)");
        assertThat(CATALOG.runTests().description()).contains("NO network access", "At most 12 cases",
                "at most 20 s", "ACCEPTED, WRONG_ANSWER");
        assertThat(CATALOG.runCode().inputSchema().toString()).contains("default 5, at most 20",
                "Language id or alias, any case: java, python");
    }

    @Test
    void sizesAndTimesAreWrittenAsAPersonWould() {
        assertThat(ToolCatalog.size(DataSize.ofGigabytes(1))).isEqualTo("1 GB");
        assertThat(ToolCatalog.size(DataSize.ofMegabytes(1536))).isEqualTo("1536 MB");
        assertThat(ToolCatalog.size(DataSize.ofKilobytes(64))).isEqualTo("64 KB");
        assertThat(ToolCatalog.size(DataSize.ofBytes(1000))).isEqualTo("1000 bytes");
        assertThat(ToolCatalog.seconds(Duration.ofMillis(2500))).isEqualTo("2.5");
        assertThat(ToolCatalog.seconds(Duration.ofSeconds(30))).isEqualTo("30");
    }

    @Test
    void theInputSchemasTakeTheDocumentedArgumentsAndNoOthers() {
        var runCode = CATALOG.runCode().inputSchema();
        assertThat(valid(runCode, Map.of("language", "py", "code", "print(1)", "stdin", "", "timeout", 2.5,
                "files", List.of(Map.of("name", "a.py", "content", ""))))).isTrue();
        assertThat(valid(runCode, Map.of("language", "py"))).isFalse();
        assertThat(valid(runCode, Map.of("language", "py", "code", "x", "args", List.of()))).isFalse();

        var runTests = CATALOG.runTests().inputSchema();
        assertThat(valid(runTests, Map.of("language", "py", "code", "x", "comparison", "tokens",
                "tests", List.of(Map.of("name", "a", "stdin", "1", "expected_output", "1"))))).isTrue();
        assertThat(valid(runTests, Map.of("language", "py", "code", "x", "tests", List.of()))).isFalse();
        assertThat(valid(runTests, Map.of("language", "py", "code", "x", "comparison", "float",
                "tests", List.of(Map.of("expected_output", "1"))))).isFalse();
        assertThat(valid(CATALOG.listLanguages().inputSchema(), Map.of())).isTrue();
    }

    /** The SDK refuses to send a result its tool's output schema rejects: every answer must fit. */
    @Test
    void theOutputSchemasAcceptEveryAnswerShape() {
        var compile = new ExecuteResponse.Stage(ExecutionStatus.OK, "", "", "", 0, 0.3, false, null, 0.2, 1024L);
        var killed = new ExecuteResponse(false, "", 137, 1.0, ExecutionStatus.TIMEOUT, "", "", false, "SIGKILL", null,
                null, "c", "12.2.0", compile, false, null, "id", null, null, null, null);
        var failed = new ExecuteResponse(false, "", 0, 0.0, ExecutionStatus.INTERNAL_ERROR, "", "", false, null, null,
                null, "python", "3.11", null, false, "the engine failed", "id", null, null, null, null);
        assertThat(valid(CATALOG.runCode().outputSchema(), structured(killed))).isTrue();
        assertThat(valid(CATALOG.runCode().outputSchema(), structured(failed))).isTrue();

        var skipped = new ExecuteResponse.TestResult("b", Verdict.SKIPPED, null, null, null, null, null, null, null,
                null, null, null, null);
        var accepted = new ExecuteResponse.TestResult("a", Verdict.ACCEPTED, ExecutionStatus.OK, 0, "1\n", "1\n", "",
                false, null, 0.02, 0.01, 2048L, null);
        var judged = new ExecuteResponse(true, "1\n", 0, 0.02, ExecutionStatus.OK, "1\n", "", false, null, 0.01, 2048L,
                "python", "3.11", null, true, null, "id", Verdict.ACCEPTED, 1, 2, List.of(accepted, skipped));
        assertThat(valid(CATALOG.runTests().outputSchema(), structured(judged))).isTrue();
        assertThat(valid(CATALOG.runTests().outputSchema(), structured(killed))).as("a run without tests").isFalse();

        var languages = Map.of("languages", List.of(new McpTools.LanguageEntry("python", "Python", "3.11.2", true,
                List.of("py"), false)));
        assertThat(valid(CATALOG.listLanguages().outputSchema(), WIRE.convertValue(languages, Object.class))).isTrue();
    }

    @Test
    void everyToolIsMarkedAsTouchingNothingOutsideItsSandbox() {
        for (McpSchema.Tool tool : List.of(CATALOG.runCode(), CATALOG.runTests(), CATALOG.listLanguages())) {
            assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isTrue();
            assertThat(tool.annotations().openWorldHint()).as(tool.name()).isFalse();
        }
    }

    private static Map<String, Object> structured(ExecuteResponse answer) {
        return WIRE.convertValue(answer, new TypeReference<Map<String, Object>>() {
        });
    }

    private static boolean valid(Map<String, Object> schema, Object value) {
        return SCHEMAS.validate(schema, value).valid();
    }
}
