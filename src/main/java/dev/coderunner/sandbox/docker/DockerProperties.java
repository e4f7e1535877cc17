package dev.coderunner.sandbox.docker;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the service reaches Docker and marks what it creates there.
 *
 * @param host       Docker Engine endpoint, e.g. {@code unix:///var/run/docker.sock}
 * @param instance   name of this service instance; everything it creates carries it in a label
 * @param apiTimeout longest an Engine API call may take before the engine counts as not answering
 *                   (streams are bounded by the run's own deadline instead)
 * @param runtime    the OCI runtime every sandbox container runs under ({@code runsc} for gVisor);
 *                   empty for the engine's default
 */
@Validated
@ConfigurationProperties("code-runner.docker")
public record DockerProperties(
        @NotBlank String host,
        @NotBlank @Pattern(regexp = "[a-zA-Z0-9_.-]+") String instance,
        @NotNull Duration apiTimeout,
        @Pattern(regexp = "[a-zA-Z0-9_.-]*") String runtime) {

    public DockerProperties {
        runtime = runtime == null ? "" : runtime.strip();
    }
}
