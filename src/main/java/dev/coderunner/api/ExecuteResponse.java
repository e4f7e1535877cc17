package dev.coderunner.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.coderunner.execution.ExecutionResult;
import dev.coderunner.execution.ExecutionStatus;
import dev.coderunner.execution.StageResult;

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
public record ExecuteResponse(
        boolean success,
        String output,
        int exitCode,
        double executionTime,
        ExecutionStatus status,
        String stdout,
        String stderr,
        boolean truncated,
        String signal,
        Double cpuTime,
        Long memory,
        String language,
        String version,
        Stage compile,
        boolean warmStart,
        @JsonInclude(JsonInclude.Include.NON_NULL) String error,
        String executionId) {

    /** The compile stage of a compiled language. */
    public record Stage(ExecutionStatus status, String output, String stdout, String stderr, int exitCode,
                        double executionTime, boolean truncated, String signal, Double cpuTime, Long memory) {

        static Stage of(StageResult stage) {
            return new Stage(stage.status(), stage.output().combinedText(), stage.output().stdoutText(),
                    stage.output().stderrText(), stage.exitCode(), seconds(stage.executionTime()),
                    stage.output().truncated(), stage.signal(), cpuSeconds(stage), peakMemory(stage));
        }
    }

    static ExecuteResponse of(ExecutionResult result) {
        StageResult run = result.run();
        ExecutionStatus status = result.status();
        return new ExecuteResponse(result.success(), run.output().combinedText(), run.exitCode(),
                seconds(run.executionTime()), status, run.output().stdoutText(), run.output().stderrText(),
                run.output().truncated(), run.signal(), cpuSeconds(run), peakMemory(run), result.language().id(),
                result.version(), result.compile() == null ? null : Stage.of(result.compile()), run.warm(), run.error(),
                result.executionId());
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
