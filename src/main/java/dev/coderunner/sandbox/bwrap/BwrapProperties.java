package dev.coderunner.sandbox.bwrap;

import java.nio.file.Path;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the bubblewrap engine finds root filesystems and keeps its per-run state.
 *
 * @param rootfsDir  one directory per runtime image, exported by {@code scripts/export-rootfs.sh}
 * @param workDir    per-sandbox working directories (each a size-capped tmpfs) are created here
 * @param cgroupName name of the cgroup subtree holding one cgroup per command
 */
@Validated
@ConfigurationProperties("code-runner.bwrap")
public record BwrapProperties(
        @NotNull Path rootfsDir,
        @NotNull Path workDir,
        @NotBlank @Pattern(regexp = "[a-zA-Z0-9_.-]+") String cgroupName) {
}
