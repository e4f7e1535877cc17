package dev.coderunner.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.coderunner.support.Api;
import dev.coderunner.support.SandboxIntegrationTest;

/** With every slot busy and no queue, a request is refused at once with 429 and Retry-After. */
@TestPropertySource(properties = {
        "code-runner.execution.concurrency.max-running=1",
        "code-runner.execution.concurrency.queue-capacity=0",
})
class OverloadIT extends SandboxIntegrationTest {

    @Test
    void requestBeyondCapacityGets429WithRetryAfter() throws Exception {
        var slow = CompletableFuture.supplyAsync(() -> api.execute(Api.request("language", "python", "timeout", 20,
                "code", "import sys\nsys.stdin.read()\nimport time\ntime.sleep(3)")));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (api.get("/health", Api.KEY).body().path("running").asInt() < 1) {
            assertThat(Instant.now()).as("the slow run never started").isBefore(deadline);
            Thread.onSpinWait();
        }

        long started = System.nanoTime();
        var refused = api.run("python", "print(1)");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers()).containsKey("retry-after");
        assertThat(refused.text("type")).isEqualTo("urn:code-runner:problem:busy");
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(slow.get().text("status")).isEqualTo("OK");
        assertThat(api.run("python", "print(2)").text("output")).isEqualTo("2\n");
    }
}
