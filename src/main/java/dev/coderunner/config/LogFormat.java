package dev.coderunner.config;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code LOG_FORMAT=json} switches the console to Spring Boot's structured logging (ECS, with the
 * run's execution id, key name and the audit fields as JSON members); {@code ecs}, {@code logstash}
 * and {@code gelf} pick a format by name; empty or {@code text} keeps plain lines. Applied before
 * the logging system starts.
 */
public class LogFormat implements EnvironmentPostProcessor, Ordered {

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty("LOG_FORMAT", "").strip().toLowerCase(Locale.ROOT);
        String structured = switch (format) {
            case "", "text" -> null;
            case "json" -> "ecs";
            case "ecs", "logstash", "gelf" -> format;
            default -> throw new IllegalStateException("LOG_FORMAT must be text, json, ecs, logstash or gelf, not '"
                    + format + "'");
        };
        if (structured != null) {
            environment.getPropertySources().addFirst(new MapPropertySource("logFormat",
                    Map.of("logging.structured.format.console", structured)));
        }
    }
}
