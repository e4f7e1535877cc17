package dev.coderunner.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.coderunner.support.Api;
import dev.coderunner.support.EngineIndependent;
import dev.coderunner.support.LiveClient;
import dev.coderunner.support.SandboxIntegrationTest;

/** The WebSocket's edge, whatever the engine: keys, refusals, the stdin cap, admission of many sessions. */
@EngineIndependent
@TestPropertySource(properties = "code-runner.live.stdin-limit=1KB")
class InteractiveSessionsIT extends SandboxIntegrationTest {

    @Test
    void aBrowserWithoutHeadersSendsTheKeyInItsFirstMessage() throws Exception {
        try (var client = LiveClient.connect(port(), "/ws/execute", Map.of())) {
            client.send(Map.of("api_key", Api.KEY, "language", "python", "code", "print('hi')"));
            var result = client.end();
            assertThat(result.body().path("stdout").asString()).as(result.body().toString()).isEqualTo("hi\n");
        }
    }

    @Test
    void noKeyOrAWrongOneIsRefused() throws Exception {
        try (var client = LiveClient.connect(port(), "/ws/execute", Map.of())) {
            client.send(Map.of("language", "python", "code", "print('hi')"));
            var error = client.end();
            assertThat(error.type()).isEqualTo("error");
            assertThat(error.body().path("problem").path("status").asInt()).isEqualTo(401);
            assertThat(client.closeCode()).isEqualTo(1008);
        }
        try (var client = LiveClient.connect(port(), "/ws/execute", Map.of())) {
            client.send(Map.of("api_key", "wrong", "language", "python", "code", "print('hi')"));
            assertThat(client.end().body().path("problem").path("detail").asString()).contains("not valid");
            assertThat(client.closeCode()).isEqualTo(1008);
        }
        assertThat(LiveClient.refusedStatus(port(), Map.of("X-API-Key", "wrong"))).isEqualTo(401);
    }

    @Test
    void aBadRequestIsAProblemAndACloseCodeNotAStackTrace() throws Exception {
        try (var client = LiveClient.connect(port())) {
            client.send(Map.of("language", "cobol", "code", "x"));
            var error = client.end();
            assertThat(error.body().path("problem").path("type").asString()).isEqualTo("urn:code-runner:problem:unknown-language");
            assertThat(client.closeCode()).isEqualTo(1007);
        }
        try (var client = LiveClient.connect(port())) {
            client.send(Map.of("language", "python", "code", 42));
            var error = client.end();
            assertThat(error.body().path("problem").path("status").asInt()).isEqualTo(422);
            assertThat(error.body().toString()).doesNotContain("Exception", "at dev.");
            assertThat(client.closeCode()).isEqualTo(1007);
        }
        try (var client = LiveClient.connect(port())) {
            client.send(Map.of("language", "python", "code", "print(input())"));
            client.until("stage");
            client.send(Map.of("type", "signal", "signal", "SIGHUP"));
            assertThat(client.next().body().path("problem").path("detail").asString()).contains("SIGINT");
            client.stdin("still fine\n");
            assertThat(client.end().body().path("stdout").asString()).isEqualTo("still fine\n");
        }
    }

    @Test
    void stdinPastTheCapEndsTheSessionAndItsRun() throws Exception {
        try (var client = LiveClient.connect(port())) {
            client.send(Map.of("language", "python", "timeout", 20, "code", "import time\ntime.sleep(20)"));
            client.until("stage");
            client.stdin("x".repeat(600));
            client.stdin("x".repeat(600));
            var error = client.end();
            assertThat(error.body().path("problem").path("status").asInt()).as(error.body().toString()).isEqualTo(413);
            assertThat(client.closeCode()).isEqualTo(1009);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> api.get("/health", Api.KEY).body().path("running").asInt() == 0);
    }

    /**
     * 50 sessions at once against 4 run slots and a queue of 16: every one ends, with its result
     * or refused with close code 1013 (try again later); none hangs.
     */
    @Test
    void fiftyConcurrentSessionsAreAdmittedOrRefusedWithACloseCode() throws Exception {
        var outcomes = new ArrayList<Future<String>>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                int n = i;
                outcomes.add(pool.submit((Callable<String>) () -> {
                    try (var client = LiveClient.connect(port())) {
                        client.send(Map.of("language", "python", "code", "import time\ntime.sleep(1)\nprint(input())"));
                        client.stdin("session " + n + "\n");
                        var end = client.end();
                        if (end.type().equals("result")) {
                            assertThat(end.body().path("stdout").asString()).isEqualTo("session " + n + "\n");
                            return "ran";
                        }
                        assertThat(end.body().path("problem").path("status").asInt()).as(end.body().toString()).isEqualTo(429);
                        assertThat(client.closeCode()).isEqualTo(1013);
                        return "refused";
                    }
                }));
            }
        }
        var counts = outcomes.stream().map(future -> {
            try {
                return future.get();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).collect(java.util.stream.Collectors.groupingBy(outcome -> outcome, java.util.stream.Collectors.counting()));
        assertThat(counts.get("ran")).isGreaterThanOrEqualTo(4);
        assertThat(counts.get("refused")).isGreaterThanOrEqualTo(1);
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(50);
    }
}
