package dev.coderunner.execution;

import java.time.Duration;

import dev.coderunner.sandbox.CapturedOutput;
import dev.coderunner.sandbox.CommandOutcome;

/**
 * How one stage (compile or run) ended.
 *
 * @param signal name of the signal that ended it (e.g. {@code SIGKILL}), or null
 */
public record StageResult(ExecutionStatus status, int exitCode, String signal, CapturedOutput output,
                          Duration executionTime) {

    static StageResult of(CommandOutcome outcome) {
        ExecutionStatus status = switch (outcome.termination()) {
            case TIMED_OUT -> ExecutionStatus.TIMEOUT;
            case OUT_OF_MEMORY -> ExecutionStatus.MEMORY_LIMIT;
            case OUTPUT_LIMIT -> ExecutionStatus.OUTPUT_LIMIT;
            case EXITED -> outcome.exitCode() == 0 ? ExecutionStatus.OK : ExecutionStatus.RUNTIME_ERROR;
        };
        return new StageResult(status, outcome.exitCode(), Signals.nameOf(outcome.exitCode()), outcome.output(),
                outcome.elapsed());
    }

    public boolean succeeded() {
        return status == ExecutionStatus.OK;
    }
}
