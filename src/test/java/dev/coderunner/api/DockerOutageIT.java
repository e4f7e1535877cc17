package dev.coderunner.api;

import static dev.coderunner.support.Api.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.command.InspectVolumeResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.test.context.TestPropertySource;

import dev.coderunner.support.Api;
import dev.coderunner.support.DockerDaemon;
import dev.coderunner.support.SandboxIntegrationTest;

/**
 * The Docker engine failing under the service: stopped and restarted, or stuck. Runs in flight are
 * answered as our failure (never as the program's), health says why while it lasts, and the
 * service recovers by itself, leaking nothing, not even an unlabelled volume.
 */
@DisabledIfSystemProperty(named = "test.sandbox.backend", matches = "bwrap")
@TestPropertySource(properties = {
        "code-runner.docker.api-timeout=3s",
        "code-runner.sandbox.sweep-interval=2s",
        "code-runner.pool.languages=python,c",
})
class DockerOutageIT extends SandboxIntegrationTest {

    @AfterEach
    void leaveDockerRunning() throws Exception {
        DockerDaemon.thaw();
    }

    @Test
    void dockerRestartedUnderARunIsOurFailureAndTheServiceRecoversWithoutLeaks() throws Exception {
        awaitRecovered();
        Set<String> unlabelledBefore = unlabelledVolumes();
        var inFlight = CompletableFuture.supplyAsync(() -> api.execute(request("language", "python", "timeout", 25,
                "code", "import time\nprint('up', flush=True)\ntime.sleep(20)")));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/health", Api.KEY).body().path("running").asInt() == 1);

        DockerDaemon.stop();
        var answered = inFlight.get(30, TimeUnit.SECONDS);
        var health = api.get("/health", Api.KEY);
        var refused = api.run("python", "print(1)");
        DockerDaemon.start();

        assertOurFailure(answered);
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.text("reason")).contains("Docker");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
        assertThat(refused.text("type")).isEqualTo("urn:code-runner:problem:engine-unavailable");
        assertThat(refused.headers()).containsKey("retry-after");

        awaitRecovered();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(unlabelledVolumes()).as("volumes without our labels").isEqualTo(unlabelledBefore));
    }

    @Test
    void aStuckDockerEndsTheRunWithinItsTimeoutPlusTheApiTimeout() throws Exception {
        awaitRecovered();
        var inFlight = CompletableFuture.supplyAsync(() -> api.execute(request("language", "python", "timeout", 4,
                "code", "import time\nprint('up', flush=True)\ntime.sleep(2)\nprint('done')")));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/health", Api.KEY).body().path("running").asInt() == 1);
        long frozenAt = System.nanoTime();

        DockerDaemon.freeze();
        Api.Reply answered;
        try {
            answered = inFlight.get(30, TimeUnit.SECONDS);
        } finally {
            DockerDaemon.thaw();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - frozenAt);

        assertOurFailure(answered);
        assertThat(took).as("run timeout 4 s + API timeout 3 s + margin").isLessThan(Duration.ofSeconds(12));
        assertThat(api.get("/health", Api.KEY).body().path("running").asInt()).as("the slot is free again").isZero();
        awaitRecovered();
    }

    /**
     * The sandbox's runtime dying under a run (as gVisor's kernel can), simulated by killing the
     * container's first process from the host, where Docker never sent a kill: our failure too.
     */
    @Test
    void aSandboxEndedByItsRuntimeUnderARunIsOurFailure() throws Exception {
        // Under gVisor the program is not listed as a host process; its kernel's real death is in
        // the hostile corpus (the fork bombs' known gap, answered INTERNAL_ERROR).
        assumeFalse("runsc".equals(System.getProperty("test.docker.runtime")), "needs the program's host processes");
        awaitRecovered();
        var inFlight = CompletableFuture.supplyAsync(() -> api.execute(request("language", "bash", "timeout", 25,
                "code", "echo up\nsleep 21")));
        String running = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> containerRunning("sleep"), Optional::isPresent).orElseThrow();

        try (var docker = dockerClient()) {
            long first = docker.inspectContainerCmd(running).exec().getState().getPidLong();
            assertThat(ProcessHandle.of(first).map(ProcessHandle::destroyForcibly)).as("host pid %d", first).contains(true);
        }
        var answered = inFlight.get(30, TimeUnit.SECONDS);

        assertOurFailure(answered);
        assertThat(answered.text("error")).contains("without its launcher's report");
        awaitRecovered();
    }

    /** The container of this instance whose processes (as Docker lists them, gVisor's too) include {@code command}. */
    private static Optional<String> containerRunning(String command) {
        try (var docker = dockerClient()) {
            for (var container : docker.listContainersCmd().withLabelFilter(Map.of("dev.coderunner.instance", INSTANCE)).exec()) {
                try {
                    String[][] processes = docker.topContainerCmd(container.getId()).exec().getProcesses();
                    if (processes != null && Arrays.stream(processes).anyMatch(row -> row[row.length - 1].startsWith(command))) {
                        return Optional.of(container.getId());
                    }
                } catch (RuntimeException stopped) {
                    // A container on its way out.
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** INTERNAL_ERROR in a 200, or a 503 problem: never the program's own RUNTIME_ERROR. */
    private static void assertOurFailure(Api.Reply reply) {
        if (reply.status() == 503) {
            assertThat(reply.text("type")).isEqualTo("urn:code-runner:problem:engine-unavailable");
            return;
        }
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("INTERNAL_ERROR");
        assertThat(reply.text("error")).contains("Docker");
        assertThat(reply.body().path("signal").isNull()).as(reply.raw()).isTrue();
    }

    /** Healthy, every pool full, and runs work again: within 60 s of Docker's return. */
    private void awaitRecovered() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var health = api.get("/health", Api.KEY);
            assertThat(health.status()).as(health.raw()).isEqualTo(200);
            for (var pool : health.body().path("pools")) {
                assertThat(pool.path("idle").asInt()).as(health.raw()).isEqualTo(pool.path("size").asInt());
            }
        });
        var reply = api.run("c", "#include <stdio.h>\nint main(void) { puts(\"back\"); return 0; }");
        assertThat(reply.text("output")).as(reply.raw()).isEqualTo("back\n");
    }

    private static Set<String> unlabelledVolumes() throws Exception {
        try (var docker = dockerClient()) {
            List<InspectVolumeResponse> volumes = docker.listVolumesCmd().exec().getVolumes();
            var names = new HashSet<String>();
            if (volumes != null) {
                volumes.stream().filter(v -> v.getLabels() == null || !v.getLabels().containsKey("dev.coderunner.managed"))
                        .forEach(v -> names.add(v.getName()));
            }
            return names;
        }
    }
}
