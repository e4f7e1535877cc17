package dev.coderunner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LogFormatTests {

    private static String structuredFormat(String logFormat) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("LOG_FORMAT", logFormat)));
        new LogFormat().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("logging.structured.format.console");
    }

    @Test
    void jsonMeansEcsAndTextMeansPlainLines() {
        assertThat(structuredFormat("json")).isEqualTo("ecs");
        assertThat(structuredFormat("logstash")).isEqualTo("logstash");
        assertThat(structuredFormat("text")).isNull();
        assertThat(structuredFormat("")).isNull();
    }

    @Test
    void anUnknownFormatStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> structuredFormat("xml")).hasMessageContaining("LOG_FORMAT");
    }
}
