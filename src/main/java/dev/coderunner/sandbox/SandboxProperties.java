package dev.coderunner.sandbox;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every engine shares.
 *
 * @param backend       which engine isolates runs: {@code docker} or {@code bwrap}
 * @param user          uid:gid programs run as inside the sandbox; never root
 * @param sweepInterval how often leftovers of dead instances (and our own failed removals) are swept
 */
@Validated
@ConfigurationProperties("code-runner.sandbox")
public record SandboxProperties(
        @NotBlank @Pattern(regexp = "docker|bwrap", message = "must be docker or bwrap") String backend,
        @NotBlank @Pattern(regexp = "[1-9][0-9]*:[1-9][0-9]*", message = "must be a non-root uid:gid such as 10001:10001")
        String user,
        @NotNull Duration sweepInterval) {

    public int uid() {
        return Integer.parseInt(user.substring(0, user.indexOf(':')));
    }

    public int gid() {
        return Integer.parseInt(user.substring(user.indexOf(':') + 1));
    }
}
