package dev.coderunner.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.coderunner.support.Api;
import dev.coderunner.support.SandboxIntegrationTest;

/** Health says 503, with the reason, when a language's runtime is missing on the engine. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        SandboxIntegrationTest.KEY, SandboxIntegrationTest.BACKEND, SandboxIntegrationTest.DOCKER_INSTANCE,
        SandboxIntegrationTest.BWRAP_CGROUP, SandboxIntegrationTest.BWRAP_WORK_DIR, SandboxIntegrationTest.POOLS,
        "code-runner.languages.ruby.image=code-runner/not-built:0",
})
class HealthIT extends SandboxIntegrationTest {

    @LocalServerPort
    private int port;

    @Test
    void healthIs503NamingTheMissingRuntimeWhileOtherLanguagesStillRun() {
        var api = new Api(port);

        var health = api.get("/health", null);

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.text("status")).isEqualTo("DOWN");
        assertThat(health.text("reason")).contains("ruby", "code-runner/not-built:0");
        assertThat(health.body().path("languages").path("python").asString()).isEqualTo("ready");
        assertThat(api.run("python", "print('still fine')").text("output")).isEqualTo("still fine\n");
    }
}
