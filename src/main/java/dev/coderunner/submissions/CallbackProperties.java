package dev.coderunner.submissions;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Callbacks to a submission's {@code callback_url} when it is done.
 *
 * @param secret       HMAC-SHA256 key of the {@code X-Signature} header; empty: callbacks refused
 * @param allowedHosts host names (as written in the URL) that may resolve to loopback, private or
 *                     link-local addresses; every other host must resolve to public ones only
 * @param timeout      connect and response timeout of one attempt
 * @param attempts     tries before the callback is given up
 * @param backoff      wait before the second try; doubled before each later one
 */
@Validated
@ConfigurationProperties("code-runner.callbacks")
public record CallbackProperties(String secret, List<String> allowedHosts, @NotNull Duration timeout,
                                 @Min(1) int attempts, @NotNull Duration backoff) {

    public CallbackProperties {
        secret = secret == null ? "" : secret;
        allowedHosts = allowedHosts == null ? List.of() : allowedHosts.stream().map(String::strip)
                .filter(host -> !host.isEmpty()).map(String::toLowerCase).toList();
    }
}
