package dev.coderunner.compat.judge0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.coderunner.execution.ExecutionProperties;
import dev.coderunner.language.LanguageVersions;

/** Hostile numbers in a Judge0 body are refused as Rails would, never taken in or thrown as a 500. */
class Judge0SubmissionReaderTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Judge0SubmissionReader reader() {
        var registry = Judge0LanguagesTests.registry(Judge0LanguagesTests.RUNTIMES);
        var ceilings = new ExecutionProperties(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(30), DataSize.ofMegabytes(256), DataSize.ofMegabytes(512), 1.0, 64,
                DataSize.ofMegabytes(1), DataSize.ofMegabytes(16), 256, DataSize.ofMegabytes(64),
                new ExecutionProperties.Concurrency(0, null, Duration.ofSeconds(5), null));
        return new Judge0SubmissionReader(new Judge0Languages(Judge0Table.load(), registry, new LanguageVersions()),
                ceilings, JSON);
    }

    private static Map<String, List<String>> errorsOf(String body) {
        try {
            reader().read(JSON.readTree(body), false);
        } catch (Judge0RequestException refused) {
            return refused.errors();
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void numbersAreReadFromTextAsRailsDoes() {
        var submission = reader().read(JSON.readTree(
                "{\"source_code\": \"print(1)\", \"language_id\": \"71\", \"cpu_time_limit\": \"2.5\", \"memory_limit\": \"65536\"}"),
                false);

        assertThat(submission.echo().path("cpu_time_limit").asString()).isEqualTo("2.5");
        assertThat(submission.echo().path("memory_limit").asLong()).isEqualTo(65536);
    }

    @Test
    void numbersThatWouldExplodeOrOverflowAreNotNumbers() {
        for (String value : List.of("\"1e-999999999\"", "\"" + "9".repeat(5000) + "\"", "\"0x10\"", "\"NaN\"",
                "\"Infinity\"", "1e400", "-1e400")) {
            assertThat(errorsOf("{\"source_code\": \"x\", \"language_id\": 71, \"cpu_time_limit\": " + value + "}"))
                    .as(value.length() > 40 ? value.substring(0, 40) : value)
                    .containsEntry("cpu_time_limit", List.of("is not a number"));
        }
        assertThat(errorsOf("{\"source_code\": \"x\", \"language_id\": 71, \"memory_limit\": 1e400}"))
                .containsEntry("memory_limit", List.of("is not a number"));
    }

    @Test
    void anUnknownLanguageIsAFieldError() {
        assertThatThrownBy(() -> reader().read(JSON.readTree("{\"source_code\": \"x\", \"language_id\": 999}"), false))
                .isInstanceOf(Judge0RequestException.class);
        assertThat(errorsOf("{\"source_code\": \"x\", \"language_id\": 999}"))
                .containsEntry("language_id", List.of("language with id 999 doesn't exist"));
    }
}
