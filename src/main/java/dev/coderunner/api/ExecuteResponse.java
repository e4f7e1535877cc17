package dev.coderunner.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.coderunner.execution.ExecutionResult;
import dev.coderunner.execution.ExecutionStatus;
import dev.coderunner.execution.StageResult;
import dev.coderunner.execution.TestOutcome;
import dev.coderunner.execution.Verdict;

/**
 * Body of a run's answer. {@code success}, {@code output}, {@code exit_code} and
 * {@code execution_time} are the original contract: never rename them, only add fields.
 *
 * @param cpuTime CPU seconds used by the run's processes, from its cgroup; null when unknown
 * @param memory  peak memory of the run in bytes, from its cgroup; null when unknown
 * @param warmStart whether the program ran in a sandbox started ahead by a warm pool
 * @param error     with status {@code INTERNAL_ERROR}: what failed on our side, in words; else absent
 * @param executionId the run's id, also in the {@code X-Execution-Id} header and in every log line of it
 */
@Schema(description = "How a run ended (HTTP 200 whether or not the program succeeded)")
public record ExecuteResponse(
        @Schema(description = "True only when status is OK") boolean success,
        @Schema(description = "stdout and stderr combined, in the order the engine received them") String output,
        @Schema(description = "Exit status; 128 + signal when killed by a signal") int exitCode,
        @Schema(description = "Seconds the program ran in its sandbox, millisecond precision") double executionTime,
        @Schema(description = "OK, COMPILE_ERROR, RUNTIME_ERROR, TIMEOUT, MEMORY_LIMIT, OUTPUT_LIMIT or INTERNAL_ERROR (our failure)")
        ExecutionStatus status,
        @Schema(description = "Standard output alone") String stdout,
        @Schema(description = "Standard error alone") String stderr,
        @Schema(description = "Output reached OUTPUT_LIMIT and was cut there") boolean truncated,
        @Schema(description = "Name of the signal that ended the program, e.g. SIGKILL") String signal,
        @Schema(description = "CPU seconds of the run's processes, read from its cgroup on the host") Double cpuTime,
        @Schema(description = "Peak memory of the run in bytes, read from its cgroup on the host") Long memory,
        @Schema(description = "Language id used") String language,
        @Schema(description = "Runtime version used") String version,
        @Schema(description = "Compiled languages: the compile step's outcome") Stage compile,
        @Schema(description = "Whether the program ran in a sandbox a warm pool had started ahead") boolean warmStart,
        @Schema(description = "With INTERNAL_ERROR only: what failed on our side")
        @JsonInclude(JsonInclude.Include.NON_NULL) String error,
        @Schema(description = "The run's id, also in the X-Execution-Id header and in its log lines") String executionId,
        @Schema(description = "With tests: the first case's verdict other than ACCEPTED, else ACCEPTED")
        @JsonInclude(JsonInclude.Include.NON_NULL) Verdict verdict,
        @Schema(description = "With tests: how many cases were ACCEPTED")
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer passed,
        @Schema(description = "With tests: how many cases there are")
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer total,
        @Schema(description = "With tests: each case's outcome, in order; the fields above describe the first")
        @JsonInclude(JsonInclude.Include.NON_NULL) List<TestResult> tests) {

    /** How one test case went; everything but name and verdict is null for a case that did not run. */
    public record TestResult(
            @Schema(description = "The case's name, or \"test N\"") String name,
            @Schema(description = "ACCEPTED, WRONG_ANSWER, TIMEOUT, MEMORY_LIMIT, OUTPUT_LIMIT, RUNTIME_ERROR, "
                    + "COMPILE_ERROR, INTERNAL_ERROR or SKIPPED") Verdict verdict,
            ExecutionStatus status, Integer exitCode, String output, String stdout, String stderr, Boolean truncated,
            String signal, Double executionTime, Double cpuTime, Long memory,
            @JsonInclude(JsonInclude.Include.NON_NULL) String error) {

        static TestResult of(TestOutcome test) {
            StageResult run = test.run();
            if (run == null) {
                return new TestResult(test.name(), test.verdict(), null, null, null, null, null, null, null, null,
                        null, null, null);
            }
            return new TestResult(test.name(), test.verdict(), run.status(), run.exitCode(), run.output().combinedText(),
                    run.output().stdoutText(), run.output().stderrText(), run.output().truncated(), run.signal(),
                    seconds(run.executionTime()), cpuSeconds(run), peakMemory(run), run.error());
        }
    }

    /** The compile stage of a compiled language. */
    public record Stage(ExecutionStatus status, String output, String stdout, String stderr, int exitCode,
                        double executionTime, boolean truncated, String signal, Double cpuTime, Long memory) {

        static Stage of(StageResult stage) {
            return new Stage(stage.status(), stage.output().combinedText(), stage.output().stdoutText(),
                    stage.output().stderrText(), stage.exitCode(), seconds(stage.executionTime()),
                    stage.output().truncated(), stage.signal(), cpuSeconds(stage), peakMemory(stage));
        }
    }

    public static ExecuteResponse of(ExecutionResult result) {
        StageResult run = result.run();
        ExecutionStatus status = result.status();
        return new ExecuteResponse(result.success(), run.output().combinedText(), run.exitCode(),
                seconds(run.executionTime()), status, run.output().stdoutText(), run.output().stderrText(),
                run.output().truncated(), run.signal(), cpuSeconds(run), peakMemory(run), result.language().id(),
                result.version(), result.compile() == null ? null : Stage.of(result.compile()), run.warm(), run.error(),
                result.executionId(), result.verdict(), result.tests() == null ? null : result.passed(),
                result.tests() == null ? null : result.tests().size(),
                result.tests() == null ? null : result.tests().stream().map(TestResult::of).toList());
    }

    /** Seconds with millisecond precision, as the original API reported them. */
    private static double seconds(java.time.Duration duration) {
        return Math.round(duration.toNanos() / 1_000_000.0) / 1000.0;
    }

    private static Double cpuSeconds(StageResult stage) {
        return stage.usage() == null ? null : seconds(stage.usage().cpuTime());
    }

    private static Long peakMemory(StageResult stage) {
        return stage.usage() == null ? null : stage.usage().peakMemory();
    }
}
