package dev.coderunner.compat.piston;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.coderunner.execution.ExecutionResult;
import dev.coderunner.execution.ExecutionStatus;
import dev.coderunner.execution.StageResult;

/**
 * Piston's answer to an execute: the runtime used, the run stage, and the compile stage for a
 * compiled language. When compilation fails, {@code run} is the compile stage, as in Piston.
 */
record PistonResponse(String language, String version, PistonStage run,
                      @JsonInclude(JsonInclude.Include.NON_NULL) PistonStage compile) {

    /**
     * One stage, in Piston's units: {@code code} null when a signal ended it, {@code signal} its
     * name; times in milliseconds, memory in bytes (null when the engine could not measure them).
     */
    record PistonStage(String stdout, String stderr, String output, Integer code, String signal, String message,
                 PistonStatus status, Double cpuTime, Double wallTime, Long memory) {

        static PistonStage of(StageResult stage) {
            PistonStatus status = PistonStatus.of(stage);
            boolean killed = status == PistonStatus.TO || status == PistonStatus.OL || status == PistonStatus.EL;
            String signal = killed ? "SIGKILL" : stage.signal();
            return new PistonStage(stage.output().stdoutText(), stage.output().stderrText(), stage.output().combinedText(),
                    signal != null ? null : stage.exitCode(), signal, message(stage, status), status,
                    stage.usage() == null ? null : millis(stage.usage().cpuTime()), millis(stage.executionTime()),
                    stage.usage() == null ? null : stage.usage().peakMemory());
        }

        private static String message(StageResult stage, PistonStatus status) {
            if (status == null) {
                return null;
            }
            if (stage.status() == ExecutionStatus.MEMORY_LIMIT) {
                return "Memory limit exceeded";
            }
            return switch (status) {
                case RE -> "Exited with error status " + stage.exitCode();
                case SG -> "Caught fatal signal " + (stage.exitCode() - 128) + " (" + stage.signal() + ")";
                case TO -> "Time limit exceeded";
                case OL -> "stdout length exceeded";
                case EL -> "stderr length exceeded";
                case XX -> "Internal error: " + stage.error();
            };
        }

        private static double millis(java.time.Duration duration) {
            return Math.round(duration.toNanos() / 1000.0) / 1000.0;
        }
    }

    static PistonResponse of(PistonRuntimes.Selected runtime, ExecutionResult result) {
        return new PistonResponse(runtime.name(), result.version(), PistonStage.of(result.run()),
                result.compile() == null ? null : PistonStage.of(result.compile()));
    }
}
