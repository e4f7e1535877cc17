package dev.coderunner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.coderunner.support.Api;
import dev.coderunner.support.EngineIndependent;
import dev.coderunner.support.SandboxIntegrationTest;

/**
 * Named keys from a keys file, with their quotas: a rate per minute and a number of runs at once.
 * One key over its quota never holds another back.
 */
@EngineIndependent
@TestPropertySource(properties = "API_KEYS_FILE=src/test/resources/keys/test-keys.yml")
class NamedKeysIT extends SandboxIntegrationTest {

    private static final String TUTOR = "tutor-key-0001";
    private static final String BATCH = "batch-key-0001";

    @Test
    void aKeyOverItsRateGets429WithRateLimitHeadersWhileOthersGoOn() {
        for (int i = 0; i < 3; i++) {
            var allowed = api.get("/languages", TUTOR);
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.headers().get("ratelimit-policy")).isEqualTo("\"tutor\";q=3;w=60");
            assertThat(allowed.headers().get("ratelimit")).startsWith("\"tutor\";r=" + (2 - i) + ";t=");
        }

        var refused = api.get("/languages", TUTOR);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text("type")).isEqualTo("urn:code-runner:problem:rate-limited");
        assertThat(Integer.parseInt(refused.headers().get("retry-after"))).isBetween(1, 60);
        assertThat(refused.headers().get("ratelimit")).startsWith("\"tutor\";r=0;t=");
        assertThat(api.get("/languages", BATCH).status()).as("another key is unaffected").isEqualTo(200);
        assertThat(api.get("/languages", Api.KEY).status()).isEqualTo(200);
    }

    @Test
    void aKeyOverItsConcurrentRunsGets429WhileOthersStillRun() {
        var slow = CompletableFuture.supplyAsync(() -> api.post("/execute", json("import time\ntime.sleep(3)\nprint('slow')"),
                "application/json", BATCH));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/health", Api.KEY).body().path("running").asInt() >= 1);

        var second = api.post("/execute", json("print('second')"), "application/json", BATCH);
        var other = api.run("python", "print('other key')");

        assertThat(second.status()).as(second.raw()).isEqualTo(429);
        assertThat(second.text("type")).isEqualTo("urn:code-runner:problem:too-many-concurrent-runs");
        assertThat(other.text("output")).isEqualTo("other key\n");
        assertThat(slow.join().text("output")).isEqualTo("slow\n");
        assertThat(api.post("/execute", json("print('again')"), "application/json", BATCH).text("output"))
                .as("the quota frees once the run is answered").isEqualTo("again\n");
    }

    @Test
    void bearerIsAcceptedWhereverTheKeyHeaderIs() {
        var reply = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/execute"))
                .header("Authorization", "Bearer " + BATCH).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json("print('bearer')"))).build());

        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.text("output")).isEqualTo("bearer\n");
    }

    @Test
    void anUnknownKeyAndAWrongKeyAreAnsweredAlike() {
        var unknown = api.get("/languages", "no-such-key-at-all");
        var wrong = api.get("/languages", TUTOR + "x");

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.raw().replaceAll("\"instance\":\"[^\"]*\"", "")).isEqualTo(wrong.raw()
                .replaceAll("\"instance\":\"[^\"]*\"", ""));
    }

    private static String json(String code) {
        return "{\"language\":\"python\",\"code\":" + tools.jackson.databind.json.JsonMapper.builder().build()
                .writeValueAsString(code) + "}";
    }
}
