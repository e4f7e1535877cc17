package dev.coderunner.submissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.coderunner.support.Api;
import dev.coderunner.support.EngineIndependent;
import dev.coderunner.support.SandboxIntegrationTest;

/** Asynchronous submissions through HTTP: queued at once, read back (waiting or not), cancelled, batched, expired. */
@EngineIndependent
@TestPropertySource(properties = {
        "code-runner.api.keys.other.key=other-key-0001",
        "code-runner.submissions.ttl=6s",
        "code-runner.submissions.queue-capacity=2",
        "code-runner.execution.concurrency.max-running=2",
})
class SubmissionsIT extends SandboxIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OTHER = "other-key-0001";

    private Api.Reply submit(Map<String, ?> body) {
        return api.post("/submissions", JSON.writeValueAsString(body), "application/json", Api.KEY);
    }

    private Api.Reply delete(String path) {
        return api.delete(path, Api.KEY);
    }

    private String base() {
        return "http://127.0.0.1:" + port();
    }

    @Test
    void aSubmissionIsAcceptedAtOnceAndItsResultCanBeWaitedFor() {
        var accepted = submit(Map.of("language", "python", "code", "import sys; print('hi', sys.stdin.read())",
                "stdin", "there", "metadata", Map.of("student", 42, "task", "a+b")));

        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        String id = accepted.text("id");
        assertThat(accepted.text("state")).isEqualTo("QUEUED");
        assertThat(accepted.headers().get("location")).isEqualTo("/submissions/" + id);

        var done = api.get("/submissions/" + id + "?wait=30", Api.KEY);

        assertThat(done.status()).as(done.raw()).isEqualTo(200);
        assertThat(done.text("state")).as(done.raw()).isEqualTo("DONE");
        assertThat(done.body().path("result").path("output").asString()).isEqualTo("hi there\n");
        assertThat(done.body().path("result").path("success").asBoolean()).isTrue();
        assertThat(done.body().path("metadata").path("student").asInt()).isEqualTo(42);
        Instant created = Instant.parse(done.text("created_at"));
        Instant started = Instant.parse(done.text("started_at"));
        Instant finished = Instant.parse(done.text("finished_at"));
        assertThat(created).isBeforeOrEqualTo(started);
        assertThat(started).isBeforeOrEqualTo(finished);
    }

    @Test
    void testCasesRunAsynchronouslyToo() {
        String id = submit(Map.of("language", "python", "code", "print(int(input()) * 2)",
                "tests", List.of(Map.of("stdin", "2", "expected_output", "4"), Map.of("stdin", "3", "expected_output", "7"))))
                .text("id");

        var done = api.get("/submissions/" + id + "?wait=30", Api.KEY);

        assertThat(done.body().path("result").path("verdict").asString()).as(done.raw()).isEqualTo("WRONG_ANSWER");
        assertThat(done.body().path("result").path("passed").asInt()).isEqualTo(1);
    }

    @Test
    void waitingEndsAfterTheAskedTimeWithTheSubmissionAsItIs() {
        String id = submit(Map.of("language", "python", "code", "import time; time.sleep(8)", "timeout", 10)).text("id");
        long before = System.nanoTime();

        var reply = api.get("/submissions/" + id + "?wait=1", Api.KEY);

        Duration waited = Duration.ofNanos(System.nanoTime() - before);
        assertThat(reply.text("state")).as(reply.raw()).isIn("QUEUED", "RUNNING");
        assertThat(reply.body().path("result").isNull()).isTrue();
        assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        delete("/submissions/" + id);
    }

    @Test
    void aRunningSubmissionCanBeCancelledAndItsSlotIsFreed() {
        String id = submit(Map.of("language", "python", "code", "import time\nprint('up', flush=True)\ntime.sleep(25)",
                "timeout", 30)).text("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> "RUNNING".equals(api.get("/submissions/" + id, Api.KEY).text("state")));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/health", Api.KEY).body().path("running").asInt() == 1);

        var cancelled = delete("/submissions/" + id);

        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        assertThat(cancelled.text("state")).isEqualTo("CANCELLED");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/health", Api.KEY).body().path("running").asInt() == 0);
        var after = api.get("/submissions/" + id + "?wait=5", Api.KEY);
        assertThat(after.text("state")).isEqualTo("CANCELLED");
        assertThat(after.body().path("result").isNull()).isTrue();
    }

    @Test
    void aSubmissionIsItsKeysAlone() {
        String id = submit(Map.of("language", "python", "code", "print(1)")).text("id");

        var other = api.get("/submissions/" + id, OTHER);
        var otherDelete = api.send(HttpRequest.newBuilder(URI.create(base() + "/submissions/" + id))
                .header("X-API-Key", OTHER).DELETE().build());

        assertThat(other.status()).isEqualTo(404);
        assertThat(other.text("type")).isEqualTo("urn:code-runner:problem:not-found");
        assertThat(otherDelete.status()).isEqualTo(404);
        assertThat(api.get("/submissions/" + id + "?wait=30", Api.KEY).text("state")).isEqualTo("DONE");
        assertThat(api.get("/submissions/" + id, null).status()).isEqualTo(401);
    }

    @Test
    void aBatchAnswersEachItemInOrderWithAProblemForTheBadOnesAlone() {
        var body = Map.of("submissions", List.of(
                Map.of("language", "python", "code", "print('a')"),
                Map.of("language", "cobol", "code", "x"),
                Map.of("language", "python", "code", "print('c')", "timeout", 999),
                Map.of("language", "python", "code", 42),
                Map.of("language", "c", "code", "#include <stdio.h>\nint main(void) { puts(\"e\"); }")));

        var reply = api.post("/submissions/batch", JSON.writeValueAsString(body), "application/json", Api.KEY);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        JsonNode items = reply.body().path("submissions");
        assertThat(items.size()).isEqualTo(5);
        assertThat(items.get(1).path("error").path("type").asString()).isEqualTo("urn:code-runner:problem:unknown-language");
        assertThat(items.get(2).path("error").path("type").asString()).isEqualTo("urn:code-runner:problem:invalid-request");
        assertThat(items.get(3).path("error").path("type").asString()).isEqualTo("urn:code-runner:problem:malformed-request");
        String first = items.get(0).path("id").asString();
        String last = items.get(4).path("id").asString();
        assertThat(api.get("/submissions/" + first + "?wait=30", Api.KEY).body().path("result").path("output").asString())
                .isEqualTo("a\n");
        assertThat(api.get("/submissions/" + last + "?wait=60", Api.KEY).body().path("result").path("output").asString())
                .isEqualTo("e\n");

        var many = api.get("/submissions?ids=" + first + ",nope," + last, Api.KEY);

        assertThat(many.body().path("submissions").get(0).path("state").asString()).as(many.raw()).isEqualTo("DONE");
        assertThat(many.body().path("submissions").get(1).path("error").path("status").asInt()).isEqualTo(404);
        assertThat(many.body().path("submissions").get(2).path("id").asString()).isEqualTo(last);
    }

    @Test
    void aFinishedSubmissionIsGoneAfterItsTimeToLive() {
        String id = submit(Map.of("language", "python", "code", "print(1)")).text("id");
        assertThat(api.get("/submissions/" + id + "?wait=30", Api.KEY).text("state")).isEqualTo("DONE");

        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/submissions/" + id, Api.KEY).status() == 404);
    }

    @Test
    void pastItsCapacityTheQueueRefusesWith429AndSaysHowDeepItIs() {
        var ids = new ArrayList<String>();
        Api.Reply refused = null;
        for (int i = 0; i < 8 && refused == null; i++) {
            var reply = submit(Map.of("language", "python", "code", "import time; time.sleep(20)", "timeout", 25));
            if (reply.status() == 429) {
                refused = reply;
            } else {
                assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
                ids.add(reply.text("id"));
            }
        }
        try {
            assertThat(refused).as("two running and two queued fill it").isNotNull();
            assertThat(refused.text("type")).isEqualTo("urn:code-runner:problem:queue-full");
            assertThat(refused.headers()).containsKey("retry-after");
            assertThat(refused.body().path("queue_depth").asInt()).isEqualTo(2);
            var health = api.get("/health", Api.KEY).body().path("submissions");
            assertThat(health.path("queued").asInt()).as(health.toString()).isEqualTo(2);
            assertThat(health.path("capacity").asInt()).isEqualTo(2);
            assertThat(health.path("oldest_queued_seconds").isNumber()).isTrue();
        } finally {
            ids.forEach(id -> delete("/submissions/" + id));
        }
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsQueued() {
        assertThat(submit(Map.of("language", "cobol", "code", "x")).status()).isEqualTo(422);
        assertThat(submit(Map.of("language", "python", "code", "1", "metadata", List.of(1))).status()).isEqualTo(422);
        assertThat(submit(Map.of("language", "python", "code", "1", "callback_url", "http://example.com")).status())
                .isEqualTo(422);
        assertThat(api.post("/submissions", "{", "application/json", Api.KEY).status()).isEqualTo(400);
        String id = submit(Map.of("language", "python", "code", "print(1)")).text("id");
        assertThat(api.get("/submissions/" + id + "?wait=9999", Api.KEY).status()).isEqualTo(422);
        assertThat(api.get("/submissions/unknown-id", Api.KEY).status()).isEqualTo(404);
    }
}
