package dev.coderunner.lifecycle;

import static dev.coderunner.support.Api.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import dev.coderunner.support.Api;
import dev.coderunner.support.RunLeftovers;
import dev.coderunner.support.SandboxIntegrationTest;
import dev.coderunner.support.ServiceProcess;

/**
 * Instances as separate processes of the real jar, on the engine under test: two live instances
 * with identical settings never touch each other's sandboxes; a SIGKILLed one's leftovers are swept
 * by the survivor; SIGTERM lets every run in flight finish before the instance cleans up and exits.
 */
class InstanceLifecycleIT {

    private static final String INSTANCE = "code-runner-lifecycle";
    /** Identical settings for every instance of this test, as in a rolling restart. */
    private static final Map<String, String> SETTINGS = Map.of(
            "SANDBOX_BACKEND", SandboxIntegrationTest.engine(),
            "INSTANCE_NAME", INSTANCE,
            "BWRAP_CGROUP_NAME", INSTANCE,
            "BWRAP_WORK_DIR", "/run/" + INSTANCE,
            "POOL_SIZE", "1",
            "POOL_LANGUAGES", "python",
            "SWEEP_INTERVAL", "2s",
            "MAX_CONCURRENT_RUNS", "4");
    private static final String SLOW = """
            import time
            print('started', flush=True)
            time.sleep(%d)
            print('finished')
            """;

    @Test
    void aSecondInstanceLeavesTheFirstOnesRunsAloneAndSweepsItOnceItIsKilled() throws Exception {
        try (var a = ServiceProcess.start(SETTINGS)) {
            String runA = a.run();
            var first = slowRun(a.api(), 20);
            var second = slowRun(a.api(), 20);
            awaitRunning(a.api(), 2);

            try (var b = ServiceProcess.start(SETTINGS)) {
                assertThat(b.run()).isNotEqualTo(runA);
                for (var reply : List.of(first.get(), second.get())) {
                    assertThat(reply.text("status")).as(reply.raw()).isEqualTo("OK");
                    assertThat(reply.text("stdout")).isEqualTo("started\nfinished\n");
                }
                assertThat(b.log()).doesNotContain(runA);

                var inFlight = slowRun(a.api(), 15);
                awaitRunning(a.api(), 1);
                assertThat(RunLeftovers.of(INSTANCE, runA)).as("A has sandboxes while it runs").isNotEmpty();
                a.kill();

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(RunLeftovers.of(INSTANCE, runA)).as("what A left behind").isEmpty());
                assertThat(inFlight).isCompletedExceptionally();
                var still = b.api().run("python", "print('b is fine')");
                assertThat(still.text("output")).as(still.raw()).isEqualTo("b is fine\n");

                String runB = b.run();
                b.terminateGroup();
                assertThat(b.awaitExit(Duration.ofSeconds(60))).isTrue();
                assertThat(RunLeftovers.of(INSTANCE, runB)).as("what B left after a clean stop").isEmpty();
            }
        }
    }

    @Test
    void sigtermToTheProcessGroupLetsEveryRunInFlightFinishThenCleansUp() throws Exception {
        try (var service = ServiceProcess.start(SETTINGS)) {
            String run = service.run();
            // Long enough that a loaded host still sees the drain before the runs end and the port closes
            // (readiness turns down within 0.2 s even with both cores busy; a CI host once took over 5 s).
            var runs = List.of(slowRun(service.api(), 20), slowRun(service.api(), 20), slowRun(service.api(), 20));
            awaitRunning(service.api(), 3);

            service.terminateGroup();

            // Draining: not ready, no new runs, while the runs in flight go on.
            try {
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                        .until(() -> service.api().get("/readyz", null).status() == 503);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("readiness did not turn down after SIGTERM; the service's log:\n" + service.log(), e);
            }
            var refused = service.api().run("python", "print('too late')");
            assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
            assertThat(refused.text("type")).isEqualTo("urn:code-runner:problem:draining");
            assertThat(refused.headers()).containsKey("retry-after");
            for (var reply : runs) {
                assertThat(reply.get().text("status")).as(reply.get().raw()).isEqualTo("OK");
                assertThat(reply.get().text("stdout")).isEqualTo("started\nfinished\n");
            }
            assertThat(service.awaitExit(Duration.ofSeconds(60))).as(service.log()).isTrue();
            assertThat(RunLeftovers.of(INSTANCE, run)).as("what the instance left after SIGTERM").isEmpty();
        }
    }

    private static CompletableFuture<Api.Reply> slowRun(Api api, int seconds) {
        // The timeout makes the run differ from the pool's plan: each gets a cold sandbox of its own.
        return CompletableFuture.supplyAsync(() -> api.execute(request("language", "python", "timeout", seconds + 10,
                "code", SLOW.formatted(seconds))));
    }

    private static void awaitRunning(Api api, int runs) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get("/health", Api.KEY).body().path("running").asInt() >= runs);
    }
}
