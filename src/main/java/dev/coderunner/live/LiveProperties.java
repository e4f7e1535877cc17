package dev.coderunner.live;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Interactive runs over WebSocket, on top of every limit a run has anyway.
 *
 * @param idleTimeout a session with neither input nor output for this long is ended (its run killed)
 * @param stdinLimit  most stdin a client may send one run; past it the run is killed
 */
@Validated
@ConfigurationProperties("code-runner.live")
public record LiveProperties(@NotNull Duration idleTimeout, @NotNull DataSize stdinLimit) {
}
