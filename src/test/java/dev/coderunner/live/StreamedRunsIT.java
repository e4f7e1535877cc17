package dev.coderunner.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.coderunner.support.Api;
import dev.coderunner.support.SandboxIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** POST /execute with Accept: application/x-ndjson, on the engine under test: events as they happen. */
class StreamedRunsIT extends SandboxIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    private record Line(JsonNode event, long arrived) {
        String type() {
            return event.path("type").asString();
        }
    }

    /** No flush in the program: a live run's Python writes unbuffered, as on a terminal. */
    @Test
    void outputOfALongRunningProgramArrivesWhileItRunsThenTheUsualAnswerEndsTheStream() throws Exception {
        var response = stream(Map.of("language", "python", "code", """
                import time
                for i in range(3):
                    print(f"tick {i}")
                    time.sleep(1)
                """));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
        List<Line> lines = lines(response);
        var types = lines.stream().map(Line::type).filter(type -> !type.equals("heartbeat")).toList();
        assertThat(types.getFirst()).isEqualTo("started");
        assertThat(types.get(1)).isEqualTo("stage");
        assertThat(types.getLast()).isEqualTo("result");
        Line firstTick = lines.stream().filter(line -> line.event().path("data").asString().contains("tick 0")).findFirst().orElseThrow();
        Line result = lines.getLast();
        assertThat(Duration.ofNanos(result.arrived() - firstTick.arrived())).as("the first line came before the end")
                .isGreaterThan(Duration.ofMillis(1500));
        assertThat(stdoutOf(lines)).isEqualTo("tick 0\ntick 1\ntick 2\n");
        assertThat(result.event().path("status").asString()).isEqualTo("OK");
        assertThat(result.event().path("stdout").asString()).isEqualTo("tick 0\ntick 1\ntick 2\n");
        assertThat(result.event().path("execution_id").asString())
                .isEqualTo(lines.getFirst().event().path("execution_id").asString())
                .isEqualTo(response.headers().firstValue("x-execution-id").orElseThrow());
    }

    @Test
    void aCompileErrorStreamsTheCompilersMessageInTheCompileStage() throws Exception {
        var lines = lines(stream(Map.of("language", "c", "code", "int main() { return missing; }")));

        var types = lines.stream().map(Line::type).filter(type -> !type.equals("heartbeat")).toList();
        assertThat(types).startsWith("started", "stage").endsWith("result").doesNotContain("stdout");
        assertThat(lines.get(1).event().path("stage").asString()).isEqualTo("compile");
        assertThat(lines.stream().filter(line -> line.event().path("stage").asString().equals("run"))).isEmpty();
        String stderr = lines.stream().filter(line -> line.type().equals("stderr"))
                .map(line -> line.event().path("data").asString()).reduce("", String::concat);
        assertThat(stderr).contains("missing");
        assertThat(lines.getLast().event().path("status").asString()).isEqualTo("COMPILE_ERROR");
    }

    @Test
    void theOutputCapHoldsOnTheStreamAsInTheAnswer() throws Exception {
        var lines = lines(stream(Map.of("language", "python", "code", "while True:\n    print('x' * 999)\n")));

        assertThat(stdoutOf(lines).length()).isLessThanOrEqualTo(64 * 1024).isGreaterThan(32 * 1024);
        assertThat(lines.getLast().event().path("status").asString()).isEqualTo("OUTPUT_LIMIT");
        assertThat(lines.getLast().event().path("truncated").asBoolean()).isTrue();
    }

    @Test
    void invalidBytesArriveReplacedAndACharacterSplitAcrossWritesArrivesWhole() throws Exception {
        var lines = lines(stream(Map.of("language", "python", "code", """
                import sys, time
                out = sys.stdout.buffer
                out.write(b"caf\\xc3"); out.flush(); time.sleep(0.3)
                out.write(b"\\xa9 \\xff!\\n"); out.flush()
                """)));

        assertThat(stdoutOf(lines)).isEqualTo("café \uFFFD!\n");
    }

    @Test
    void aRefusalBeforeTheRunStartsIsAnOrdinaryProblemAnswer() throws Exception {
        var response = stream(Map.of("language", "cobol", "code", "x"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        var problem = JSON.readTree(response.body().readAllBytes());
        assertThat(problem.path("type").asString()).isEqualTo("urn:code-runner:problem:unknown-language");
    }

    @Test
    void aClientThatDisconnectsEndsItsRun() throws Exception {
        var response = stream(Map.of("language", "python", "timeout", 25, "code", """
                import time
                print("started", flush=True)
                time.sleep(25)
                """));
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.contains("\"stdout\"")) {
                    break;
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> running() == 1);
        }
        // Closing the body dropped the connection; the run, 25 s of sleep, ends within a few heartbeats.
        await().atMost(Duration.ofSeconds(15)).until(() -> running() == 0);
    }

    private int running() {
        return api.get("/health", Api.KEY).body().path("running").asInt();
    }

    private HttpResponse<java.io.InputStream> stream(Map<String, ?> body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/execute"))
                .header("X-API-Key", Api.KEY)
                .header("Content-Type", "application/json")
                .header("Accept", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    private static List<Line> lines(HttpResponse<java.io.InputStream> response) throws Exception {
        var lines = new ArrayList<Line>();
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(new Line(JSON.readTree(line), System.nanoTime()));
            }
        }
        return lines;
    }

    private static String stdoutOf(List<Line> lines) {
        return lines.stream().filter(line -> line.type().equals("stdout"))
                .map(line -> line.event().path("data").asString()).reduce("", String::concat);
    }
}
