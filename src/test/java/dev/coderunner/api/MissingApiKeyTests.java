package dev.coderunner.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.coderunner.CodeRunnerApplication;

class MissingApiKeyTests {

    @Test
    void serviceRefusesToStartWithoutAnApiKeyAndSaysWhichSettingToSet() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(CodeRunnerApplication.class)
                .properties("code-runner.api.api-keys=", "server.port=0", "spring.main.banner-mode=off")
                .run().close())
                .rootCause().hasMessageContaining("EXECUTION_API_KEY");
    }
}
