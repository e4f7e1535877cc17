package dev.coderunner.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
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
        @Schema(description = "Command-line arguments: at most 4096, each at most 131071 bytes (UTF-8), no NUL") List<@NotNull(message = "args must be strings") String> args,
        @Schema(description = "More files; without code, the one named main (any extension), else the first, is the entry")
        List<@Valid @NotNull(message = "files must be objects") FileBody> files,
        @Schema(description = "Wall-clock limit of the compile step in seconds; at most COMPILE_TIMEOUT") Double compileTimeout,
        @Schema(description = "Memory limit of the run in MiB; at most the language's ceiling") Integer memoryLimitMb,
        @Schema(description = "CPU-time limit of the run in seconds, rounded up; at most CPU_TIME_LIMIT") Double cpuTime,
        @Schema(description = "Test cases (at most MAX_TESTS): the program is compiled once and each case runs in a "
                + "fresh sandbox; the answer gains a verdict per case")
        List<@Valid @NotNull(message = "tests must be objects") TestBody> tests,
        @Schema(description = "How stdout is compared with expected_output: \"exact\", \"trim\" (default: trailing "
                + "whitespace of each line and trailing blank lines ignored), \"tokens\", or {\"float\": 1e-6} (tokens, "
                + "numbers within that absolute or relative tolerance)", oneOf = {String.class, FloatComparison.class},
                example = "trim")
        Object comparison,
        @Schema(description = "Run the tests one after another and skip the rest after the first failure (default false)")
        Boolean stopOnFirstFailure) {

    /** One test case; without stdin or args of its own, the request's are used. */
    public record TestBody(
            @Schema(description = "Echoed back in the case's result; \"test N\" otherwise") String name,
            @Schema(description = "Standard input of this case") String stdin,
            @Schema(description = "Command-line arguments of this case") List<@NotNull(message = "args must be strings") String> args,
            @Schema(description = "What stdout must be, as compared by comparison", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull(message = "every test needs an expected_output") String expectedOutput) {
    }

    /** The float comparison: tokens, numbers within the tolerance. */
    public record FloatComparison(@JsonProperty("float") @Schema(name = "float", description = "Absolute or relative tolerance",
            example = "1e-6") double tolerance) {
    }

    /** A source file; {@code encoding} is {@code utf8} (default) or {@code base64}. */
    public record FileBody(
            @Schema(description = "Relative path of letters, digits, _ - + and .; no .. or leading /", example = "util.py")
            @NotNull(message = "every file needs a name") String name,
            @Schema(description = "The file's content") @NotNull(message = "every file needs content") String content,
            @Schema(description = "utf8 (default) or base64", allowableValues = {"utf8", "base64"})
            @Pattern(regexp = "utf8|base64", message = "encoding must be utf8 or base64") String encoding) {
    }
}
