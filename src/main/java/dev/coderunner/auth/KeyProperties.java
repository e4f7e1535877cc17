package dev.coderunner.auth;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The keys that may call the service: the anonymous ones of {@code EXECUTION_API_KEY}, and named
 * ones with quotas from the file {@code API_KEYS_FILE} names.
 *
 * @param apiKeys plain keys, comma-separated in {@code EXECUTION_API_KEY}; named {@code default},
 *                {@code default-2}… in logs and metrics, with no quota
 * @param keys    named keys, by name
 */
@Validated
@ConfigurationProperties("code-runner.api")
public record KeyProperties(@DefaultValue List<String> apiKeys, @DefaultValue Map<String, @Valid NamedKey> keys) {

    public KeyProperties {
        apiKeys = apiKeys.stream().map(String::strip).filter(key -> !key.isEmpty()).toList();
    }

    /**
     * @param key               the key in plain text; or give {@code keySha256}
     * @param keySha256         hex SHA-256 of the key, so the file holds no secret
     * @param requestsPerMinute a token bucket of this size, refilled over a minute; null for no limit
     * @param maxConcurrentRuns runs of this key executing or queued at once; null for no limit
     */
    public record NamedKey(String key, @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex digits") String keySha256,
                           @Min(1) Integer requestsPerMinute, @Min(1) Integer maxConcurrentRuns) {
    }
}
