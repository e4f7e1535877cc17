package dev.coderunner.submissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.coderunner.support.Api;
import dev.coderunner.support.EngineIndependent;
import dev.coderunner.support.RunLeftovers;
import dev.coderunner.support.ServiceProcess;

/**
 * Two replicas of the real jar sharing submissions through a real Redis (Debian's redis-server,
 * started by the project's scripts on 127.0.0.1:6379): work spreads across them, either answers
 * for any submission, and a replica killed with SIGKILL while it runs submissions loses none of
 * them. The engine does not matter here; bwrap is the quicker one.
 */
@EngineIndependent
class RedisSubmissionsIT {

    private static final String REDIS = "redis://127.0.0.1:6379";
    private static final String INSTANCE = "code-runner-redis";
    /** A second key (named "tutor") besides the test key, to prove a submission is its owner's alone. */
    private static final String OTHER_KEY = "tutor-key-0001";
    private static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("SANDBOX_BACKEND", "bwrap"),
            Map.entry("INSTANCE_NAME", INSTANCE),
            Map.entry("BWRAP_CGROUP_NAME", INSTANCE),
            Map.entry("BWRAP_WORK_DIR", "/run/" + INSTANCE),
            Map.entry("POOL_SIZE", "1"),
            Map.entry("POOL_LANGUAGES", "python"),
            Map.entry("SWEEP_INTERVAL", "2s"),
            Map.entry("MAX_CONCURRENT_RUNS", "3"),
            Map.entry("REDIS_URL", REDIS),
            Map.entry("SUBMISSION_VISIBILITY_TIMEOUT", "3s"),
            Map.entry("API_KEYS_FILE", Path.of("src/test/resources/keys/test-keys.yml").toAbsolutePath().toString()));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(REDIS);
        connection = client.connect();
        redis = connection.sync();
        assertThat(redis.ping()).as("Redis on 127.0.0.1:6379 (scripts/start-redis.sh)").isEqualTo("PONG");
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        client.shutdown();
    }

    @BeforeEach
    void startFromAnEmptyBroker() {
        var keys = redis.keys("coderunner:*");
        if (!keys.isEmpty()) {
            redis.del(keys.toArray(String[]::new));
        }
    }

    private static String submit(Api api, String code) {
        var reply = api.post("/submissions", JSON.writeValueAsString(Map.of("language", "python", "code", code)),
                "application/json", Api.KEY);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        return reply.text("id");
    }

    private static List<String> runningOn(String run) {
        var ids = new ArrayList<String>();
        for (String key : redis.keys("coderunner:submission:*")) {
            var fields = redis.hgetall(key);
            if ("RUNNING".equals(fields.get("state")) && ("replica-" + run).equals(fields.get("worker"))) {
                ids.add(key.substring(key.lastIndexOf(':') + 1));
            }
        }
        return ids;
    }

    @Test
    void sixtySubmissionsOverTwoReplicasAllFinishThoughOneIsKilledWhileRunningSome() throws Exception {
        try (var a = ServiceProcess.start(SETTINGS); var b = ServiceProcess.start(SETTINGS)) {
            String runA = a.run();
            var ids = new ArrayList<String>();
            for (int i = 0; i < 60; i++) {
                ids.add(submit(i % 2 == 0 ? a.api() : b.api(), "import time\ntime.sleep(0.5)\nprint(%d * %d)".formatted(i, i)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> !runningOn(runA).isEmpty());
            a.kill();
            // Read after the kill: a run A finished between a read and the kill was not cut short.
            // B claims A's entries only after the 3 s visibility timeout, so they still read as A's.
            var cutShort = runningOn(runA);

            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                var read = b.api().get("/submissions?ids=" + String.join(",", ids), Api.KEY);
                assertThat(read.body().path("submissions").valueStream().map(s -> s.path("state").asString()))
                        .as(read.raw()).containsOnly("DONE");
            });
            for (int i = 0; i < ids.size(); i++) {
                JsonNode submission = b.api().get("/submissions/" + ids.get(i), Api.KEY).body();
                assertThat(submission.path("result").path("stdout").asString()).as(submission.toString())
                        .isEqualTo(i * i + "\n");
            }
            assertThat(cutShort).as("A was killed holding these; B ran them again").isNotEmpty().allSatisfy(id ->
                    assertThat(redis.hget(RedisSubmissions.key(id), "worker")).isNotEqualTo("replica-" + runA));

            assertThat(redis.xlen(RedisSubmissions.STREAM)).as("every entry acknowledged and deleted").isZero();
            assertThat(redis.zcard("coderunner:submissions:queued")).isZero();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(RunLeftovers.of(INSTANCE, runA)).as("what A left behind").isEmpty());
            String runB = b.run();
            b.terminateGroup();
            assertThat(b.awaitExit(Duration.ofSeconds(60))).isTrue();
            assertThat(RunLeftovers.of(INSTANCE, runB)).as("what B left after a clean stop").isEmpty();
        }
    }

    @Test
    void anyReplicaReadsWaitsForAndCancelsASubmissionMadeOnTheOtherAndForgetsItAfterTheTtl() throws Exception {
        var settings = new HashMap<>(SETTINGS);
        settings.put("SUBMISSION_TTL", "8s");
        try (var a = ServiceProcess.start(settings); var b = ServiceProcess.start(settings)) {
            String quick = submit(a.api(), "import time\ntime.sleep(2)\nprint('from a replica')");
            long asked = System.nanoTime();
            var waited = b.api().get("/submissions/" + quick + "?wait=30", Api.KEY);
            assertThat(waited.text("state")).as(waited.raw()).isEqualTo("DONE");
            assertThat(waited.body().path("result").path("stdout").asString()).isEqualTo("from a replica\n");
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("answered when it settled, not at the end of the wait")
                    .isLessThan(Duration.ofSeconds(15));
            for (var replica : List.of(a, b)) {
                assertThat(replica.api().get("/submissions/" + quick, OTHER_KEY).status()).as("another key's").isEqualTo(404);
                assertThat(replica.api().delete("/submissions/" + quick, OTHER_KEY).status()).isEqualTo(404);
            }

            String slow = submit(a.api(), "import time\nprint('started', flush=True)\ntime.sleep(30)\nprint('NOT CANCELLED')");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "RUNNING".equals(b.api().get("/submissions/" + slow, Api.KEY).text("state")));
            var cancelled = b.api().delete("/submissions/" + slow, Api.KEY);
            assertThat(cancelled.text("state")).as(cancelled.raw()).isEqualTo("CANCELLED");
            // The replica running it heard the cancel and killed the run (30 s of sleep): its entry is acknowledged.
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    redis.xpending(RedisSubmissions.STREAM, RedisSubmissions.GROUP).getCount() == 0);
            // The run on whichever replica held it ends now: the next one there starts at once.
            var after = a.api().get("/submissions/" + submit(b.api(), "print('next')") + "?wait=30", Api.KEY);
            assertThat(after.body().path("result").path("stdout").asString()).as(after.raw()).isEqualTo("next\n");
            var still = a.api().get("/submissions/" + slow, Api.KEY);
            assertThat(still.text("state")).isEqualTo("CANCELLED");
            assertThat(still.body().path("result").isNull() || still.body().path("result").isMissingNode()).isTrue();

            await().atMost(Duration.ofSeconds(30)).until(() -> a.api().get("/submissions/" + quick, Api.KEY).status() == 404);
            assertThat(b.api().get("/submissions/" + quick, Api.KEY).status()).as("gone for every replica").isEqualTo(404);
        }
    }
}
