package dev.coderunner.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /execute}. {@code code}, {@code language} and {@code timeout} are the
 * original contract; the rest is additive and optional.
 *
 * @param timeout        wall-clock limit in seconds (fractions allowed); configured default when absent
 * @param compileTimeout wall-clock limit of the compile step in seconds
 * @param memoryLimitMb  memory limit of the run in MiB
 * @param cpuTime        CPU-time limit of the run in seconds (rounded up to whole seconds)
 */
public record ExecuteRequest(
        String code,
        @NotBlank(message = "language is required") String language,
        Double timeout,
        String stdin,
        List<@NotNull(message = "args must be strings") String> args,
        List<@Valid @NotNull(message = "files must be objects") FileBody> files,
        Double compileTimeout,
        Integer memoryLimitMb,
        Double cpuTime) {

    /** A source file; {@code encoding} is {@code utf8} (default) or {@code base64}. */
    public record FileBody(
            @NotNull(message = "every file needs a name") String name,
            @NotNull(message = "every file needs content") String content,
            @Pattern(regexp = "utf8|base64", message = "encoding must be utf8 or base64") String encoding) {
    }
}
