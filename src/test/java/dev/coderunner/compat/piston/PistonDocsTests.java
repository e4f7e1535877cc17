package dev.coderunner.compat.piston;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.coderunner.execution.ExecutionStatus;

/** docs/piston.md shows the adapter's mappings: these tests fail when the two drift apart. */
class PistonDocsTests {

    private static final Path DOC = Path.of("docs/piston.md");

    /** The rows of the table whose header starts with {@code firstHeader}, cells without backticks. */
    private static List<List<String>> table(String firstHeader) throws IOException {
        var rows = new ArrayList<List<String>>();
        boolean inside = false;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("| " + firstHeader + " |")) {
                inside = true;
                continue;
            }
            if (inside && line.startsWith("|---")) {
                continue;
            }
            if (inside && !line.startsWith("|")) {
                break;
            }
            if (inside) {
                var cells = new ArrayList<String>();
                for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
                    cells.add(cell.strip().replace("`", ""));
                }
                rows.add(cells);
            }
        }
        assertThat(rows).as("table '" + firstHeader + "' in " + DOC).isNotEmpty();
        return rows;
    }

    @Test
    void theStatusTableIsTheCodesMapping() throws IOException {
        var documented = new LinkedHashMap<String, String>();
        for (List<String> row : table("our status")) {
            for (boolean signalled : choices(row.get(1))) {
                for (boolean mostlyStderr : choices(row.get(2))) {
                    documented.put(row.get(0) + "/" + signalled + "/" + mostlyStderr, row.get(3));
                }
            }
        }
        for (ExecutionStatus status : ExecutionStatus.values()) {
            for (boolean signalled : List.of(false, true)) {
                for (boolean mostlyStderr : List.of(false, true)) {
                    PistonStatus mapped = PistonStatus.of(status, signalled, mostlyStderr);
                    assertThat(documented.get(status + "/" + signalled + "/" + mostlyStderr))
                            .as("%s, signal %s, stderr %s", status, signalled, mostlyStderr)
                            .isEqualTo(mapped == null ? "null" : mapped.name());
                }
            }
        }
    }

    @Test
    void theRuntimeTableIsCompatPistonYml() throws IOException {
        Map<String, List<String>> documented = new LinkedHashMap<>();
        for (List<String> row : table("our id")) {
            var names = new ArrayList<String>();
            names.add(row.get(1));
            if (!row.get(2).isEmpty()) {
                for (String alias : row.get(2).split(",")) {
                    names.add(alias.strip());
                }
            }
            documented.put(row.get(0), names);
        }
        Map<String, List<String>> configured = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/compat/piston.yml"))) {
            Map<String, Map<String, Map<String, Map<String, Map<String, Object>>>>> yaml = new Yaml().load(in);
            yaml.get("code-runner").get("compat").get("piston").get("runtimes").forEach((id, runtime) -> {
                var names = new ArrayList<String>();
                names.add((String) ((Map<?, ?>) runtime).get("language"));
                ((List<?>) ((Map<?, ?>) runtime).get("aliases")).forEach(alias -> names.add((String) alias));
                configured.put(id, names);
            });
        }
        assertThat(documented).isEqualTo(configured);
    }

    @Test
    void theCloseCodeTableIsTheWebSocketsCodes() throws IOException {
        var documented = new ArrayList<String>();
        for (List<String> row : table("close code")) {
            documented.add(row.get(0) + " " + row.get(1));
        }
        var codes = new ArrayList<String>();
        for (PistonClose close : PistonClose.values()) {
            codes.add(close.code() + " " + close.reason());
        }
        assertThat(documented).isEqualTo(codes);
    }

    private static List<Boolean> choices(String cell) {
        return switch (cell) {
            case "any" -> List.of(false, true);
            case "yes" -> List.of(true);
            case "no" -> List.of(false);
            default -> throw new AssertionError("unexpected cell " + cell);
        };
    }
}
