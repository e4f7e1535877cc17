package dev.coderunner.api;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxRequestSize largest request body accepted
 * @param bodyTimeout    longest a client may take to send a whole body, however it trickles
 */
@Validated
@ConfigurationProperties("code-runner.api")
public record ApiProperties(@NotNull DataSize maxRequestSize, @NotNull Duration bodyTimeout) {
}
