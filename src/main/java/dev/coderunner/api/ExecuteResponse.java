package dev.coderunner.api;

import dev.coderunner.execution.ExecutionResult;
import dev.coderunner.execution.ExecutionStatus;
import dev.coderunner.execution.StageResult;

/**
 * Body of a run's answer. {@code success}, {@code output}, {@code exit_code} and
 * {@code execution_time} are the original contract: never rename them, only add fields.
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
        String language,
        String version,
        Stage compile) {

    /** The compile stage of a compiled language. */
    public record Stage(ExecutionStatus status, String output, String stdout, String stderr, int exitCode,
                        double executionTime, boolean truncated, String signal) {

        static Stage of(StageResult stage) {
            return new Stage(stage.status(), stage.output().combinedText(), stage.output().stdoutText(),
                    stage.output().stderrText(), stage.exitCode(), seconds(stage), stage.output().truncated(),
                    stage.signal());
        }
    }

    static ExecuteResponse of(ExecutionResult result) {
        StageResult run = result.run();
        return new ExecuteResponse(result.success(), run.output().combinedText(), run.exitCode(), seconds(run),
                result.status(), run.output().stdoutText(), run.output().stderrText(), run.output().truncated(),
                run.signal(), result.language().id(), result.language().version(),
                result.compile() == null ? null : Stage.of(result.compile()));
    }

    /** Seconds with millisecond precision, as the original API reported them. */
    private static double seconds(StageResult stage) {
        return Math.round(stage.executionTime().toNanos() / 1_000_000.0) / 1000.0;
    }
}
