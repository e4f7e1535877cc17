package dev.coderunner.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.coderunner.support.EngineIndependent;
import dev.coderunner.support.SandboxIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document is generated from the code, public, and says the same as docs/api.md: every
 * field of the answer documented there is in the schema and the other way round.
 */
@EngineIndependent
class ApiDocumentIT extends SandboxIntegrationTest {

    @Test
    void theDocumentIsPublicOpenApi31AndListsEveryEndpoint() {
        var document = api.get("/v3/api-docs", null);

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.text("openapi")).startsWith("3.1");
        assertThat(names(document.body().path("paths"))).contains("/execute", "/languages", "/health");
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void theExecuteSchemasUseTheWireNamesAndTheStatuses() {
        JsonNode schemas = api.get("/v3/api-docs", null).body().path("components").path("schemas");

        assertThat(names(schemas.path("ExecuteRequest").path("properties"))).containsExactlyInAnyOrder("code", "language",
                "timeout", "stdin", "args", "files", "compile_timeout", "memory_limit_mb", "cpu_time", "tests", "comparison", "stop_on_first_failure");
        JsonNode response = schemas.path("ExecuteResponse").path("properties");
        assertThat(names(response)).contains("success", "output", "exit_code", "execution_time", "status", "execution_id");
        assertThat(response.path("status").path("enum").toString()).contains("OK", "COMPILE_ERROR", "RUNTIME_ERROR",
                "TIMEOUT", "MEMORY_LIMIT", "OUTPUT_LIMIT", "INTERNAL_ERROR");
        var execute = api.get("/v3/api-docs", null).body().path("paths").path("/execute").path("post").path("responses");
        assertThat(names(execute)).contains("200", "400", "401", "413", "422", "429", "503");
    }

    @Test
    void docsApiMdAndTheDocumentListTheSameAnswerFields() throws IOException {
        assertThat(documentedFields("### Response (200)", "### Errors")).containsExactlyInAnyOrderElementsOf(schemaFields("ExecuteResponse"));
    }

    @Test
    void docsApiMdAndTheDocumentListTheSameRequestFields() throws IOException {
        assertThat(documentedFields("### Request", "### Response (200)")).containsExactlyInAnyOrderElementsOf(schemaFields("ExecuteRequest"));
    }

    /** The field names of the table in docs/api.md between two headings. */
    private static Set<String> documentedFields(String from, String to) throws IOException {
        Set<String> documented = new TreeSet<>();
        String markdown = Files.readString(Path.of("docs/api.md"));
        var row = Pattern.compile("^\\| `([a-z_]+)` \\|", Pattern.MULTILINE)
                .matcher(markdown.substring(markdown.indexOf(from), markdown.indexOf(to)));
        while (row.find()) {
            documented.add(row.group(1));
        }
        return documented;
    }

    private Set<String> schemaFields(String schema) {
        return names(api.get("/v3/api-docs", null).body().path("components").path("schemas").path(schema).path("properties"));
    }

    private static Set<String> names(JsonNode object) {
        return new TreeSet<>(object.propertyNames());
    }
}
