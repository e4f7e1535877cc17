package dev.coderunner.api;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param apiKeys        keys accepted in {@code X-API-Key}; the service refuses to start without one
 * @param maxRequestSize largest request body accepted
 */
@Validated
@ConfigurationProperties("code-runner.api")
public record ApiProperties(
        @NotEmpty(message = "no API key is configured: set EXECUTION_API_KEY in the environment or in .env "
                + "(scripts/start.sh generates one on first use)")
        List<String> apiKeys,
        @NotNull DataSize maxRequestSize) {

    public ApiProperties {
        apiKeys = apiKeys == null ? List.of() : apiKeys.stream().map(String::strip).filter(key -> !key.isEmpty()).toList();
    }
}
