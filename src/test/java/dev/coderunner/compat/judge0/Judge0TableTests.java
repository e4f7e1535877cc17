package dev.coderunner.compat.judge0;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** docs/judge0.md shows the tables the code loads: they must be the same tables, row for row. */
class Judge0TableTests {

    private final Judge0Table table = Judge0Table.load();

    @Test
    void theLanguageTableInTheDocsIsTheOneTheCodeLoads() throws IOException {
        var documented = rows("languages").stream()
                .map(row -> new Judge0Table.LanguageId(Integer.parseInt(row.get(0)), row.get(1), row.get(2),
                        row.get(3).equals("yes")))
                .toList();

        assertThat(documented).isEqualTo(table.languages());
    }

    @Test
    void theStatusTablesInTheDocsAreTheOnesTheCodeLoads() throws IOException {
        assertThat(rows("statuses").stream().map(row -> new Judge0Table.Status(Integer.parseInt(row.get(0)), row.get(1))).toList())
                .isEqualTo(table.statuses());
        assertThat(pairs("outcomes")).isEqualTo(table.outcomes());
        var signals = new LinkedHashMap<String, Integer>();
        pairs("signals").forEach((signal, status) -> signals.put(signal, Integer.parseInt(status)));
        assertThat(signals).isEqualTo(table.signals());
    }

    @Test
    void judge0sFourteenStatusesAreAllThere() {
        assertThat(table.statuses()).extracting(Judge0Table.Status::id)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        assertThat(table.status(7).description()).isEqualTo("Runtime Error (SIGSEGV)");
    }

    @Test
    void signalledRuntimeErrorsMapBySignalAndOtherwiseAreNzec() {
        assertThat(table.statusOf("RUNTIME_ERROR", "SIGSEGV")).isEqualTo(7);
        assertThat(table.statusOf("RUNTIME_ERROR", "SIGXFSZ")).isEqualTo(8);
        assertThat(table.statusOf("RUNTIME_ERROR", "SIGFPE")).isEqualTo(9);
        assertThat(table.statusOf("RUNTIME_ERROR", "SIGABRT")).isEqualTo(10);
        assertThat(table.statusOf("RUNTIME_ERROR", "SIGKILL")).isEqualTo(12);
        assertThat(table.statusOf("RUNTIME_ERROR", null)).isEqualTo(11);
        assertThat(table.statusOf("MEMORY_LIMIT", "SIGKILL")).isEqualTo(12);
        assertThat(table.statusOf("TIMEOUT", "SIGKILL")).isEqualTo(5);
        assertThat(table.statusOf("OUTPUT_LIMIT", null)).isEqualTo(8);
        assertThat(table.statusOf("INTERNAL_ERROR", null)).isEqualTo(13);
        assertThat(table.statusOf("QUEUED", null)).isEqualTo(1);
    }

    @Test
    void everyLanguageIdIsListedOnce() {
        assertThat(table.languages()).extracting(Judge0Table.LanguageId::id).doesNotHaveDuplicates()
                .contains(46, 50, 54, 60, 62, 63, 71, 72, 73, 74, 91, 92, 93, 94, 95, 100, 102, 103, 105, 108)
                .doesNotContain(70, 89);
    }

    /** The rows of the table after {@code <!-- table:name -->}, cells stripped, header and rule skipped. */
    private static List<List<String>> rows(String name) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/judge0.md"));
        int start = lines.indexOf("<!-- table:" + name + " -->");
        assertThat(start).as("docs/judge0.md has no table marked " + name).isNotNegative();
        var rows = new ArrayList<List<String>>();
        for (int i = start + 3; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i);
            var cells = new ArrayList<String>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
                cells.add(cell.strip());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static Map<String, String> pairs(String name) throws IOException {
        var pairs = new LinkedHashMap<String, String>();
        rows(name).forEach(row -> pairs.put(row.get(0), row.get(1)));
        return pairs;
    }
}
