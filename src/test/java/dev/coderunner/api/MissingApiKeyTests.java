package dev.coderunner.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.coderunner.CodeRunnerApplication;

class MissingApiKeyTests {

    @Test
    void serviceRefusesToStartWithoutAnApiKeyAndSaysWhichSettingToSet() {
        // Command-line arguments outrank every other source, a developer's .env included.
        assertThatThrownBy(() -> new SpringApplicationBuilder(CodeRunnerApplication.class)
                .run("--code-runner.api.api-keys=", "--server.port=0").close())
                .rootCause().hasMessageContaining("EXECUTION_API_KEY");
    }
}
