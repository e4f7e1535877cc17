package dev.coderunner.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.coderunner.support.Api;
import dev.coderunner.support.SandboxIntegrationTest;

/** Health says 503, with the reason, when a language's runtime is missing on the engine. */
@TestPropertySource(properties = {
        "code-runner.languages.ruby.image=code-runner/not-built:0",
})
class HealthIT extends SandboxIntegrationTest {

    @Test
    void healthIs503NamingTheMissingRuntimeWhileOtherLanguagesStillRun() {

        var health = api.get("/health", Api.KEY);

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.text("status")).isEqualTo("DOWN");
        assertThat(health.text("reason")).contains("ruby", "code-runner/not-built:0");
        assertThat(health.body().path("languages").path("python").asString()).isEqualTo("ready");
        assertThat(api.run("python", "print('still fine')").text("output")).isEqualTo("still fine\n");
    }
}
