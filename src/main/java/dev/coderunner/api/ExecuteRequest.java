package dev.coderunner.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
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
@Schema(description = "A program to run", example = "{\"code\": \"print('Hello World')\", \"language\": \"python\", \"timeout\": 10}")
public record ExecuteRequest(
        @Schema(description = "Source of the entry file; may be omitted when files are given", example = "print('Hello World')")
        String code,
        @Schema(description = "Language id or alias, any case (GET /languages)", example = "python", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "language is required") String language,
        @Schema(description = "Wall-clock limit of the run in seconds, fractions allowed; at most MAX_TIMEOUT", example = "10")
        Double timeout,
        @Schema(description = "Standard input, read to EOF") String stdin,
        @Schema(description = "Command-line arguments") List<@NotNull(message = "args must be strings") String> args,
        @Schema(description = "More files; without code, the one named main (any extension), else the first, is the entry")
        List<@Valid @NotNull(message = "files must be objects") FileBody> files,
        @Schema(description = "Wall-clock limit of the compile step in seconds; at most COMPILE_TIMEOUT") Double compileTimeout,
        @Schema(description = "Memory limit of the run in MiB; at most the language's ceiling") Integer memoryLimitMb,
        @Schema(description = "CPU-time limit of the run in seconds, rounded up; at most CPU_TIME_LIMIT") Double cpuTime) {

    /** A source file; {@code encoding} is {@code utf8} (default) or {@code base64}. */
    public record FileBody(
            @Schema(description = "Relative path of letters, digits, _ - + and .; no .. or leading /", example = "util.py")
            @NotNull(message = "every file needs a name") String name,
            @Schema(description = "The file's content") @NotNull(message = "every file needs content") String content,
            @Schema(description = "utf8 (default) or base64", allowableValues = {"utf8", "base64"})
            @Pattern(regexp = "utf8|base64", message = "encoding must be utf8 or base64") String encoding) {
    }
}
