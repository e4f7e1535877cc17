package dev.coderunner.execution;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

import dev.coderunner.sandbox.CapturedOutput;
import dev.coderunner.sandbox.CommandOutcome;
import dev.coderunner.sandbox.ResourceUsage;

/**
 * How one stage (compile or run) ended.
 *
 * @param signal name of the signal that ended it (e.g. {@code SIGKILL}), or null
 * @param usage  CPU time and peak memory from the sandbox's cgroup, or null when unknown
 * @param warm   whether the stage's process had been started ahead in a warm sandbox
 * @param error  for {@code INTERNAL_ERROR}: what failed, in words; null otherwise
 */
public record StageResult(ExecutionStatus status, int exitCode, String signal, CapturedOutput output,
                          Duration executionTime, ResourceUsage usage, boolean warm, String error) {

    private static final String CPU_LIMIT_SIGNAL = "SIGXCPU";
    /** A failure this close to the memory limit is the limit's doing (a runtime's own out-of-memory error). */
    private static final double AT_MEMORY_LIMIT = 0.95;

    static StageResult of(CommandOutcome outcome, DataSize memoryLimit) {
        boolean sandboxFailed = outcome.termination() == CommandOutcome.Termination.SANDBOX_ERROR;
        String signal = sandboxFailed ? null : Signals.nameOf(outcome.exitCode());
        ExecutionStatus status = switch (outcome.termination()) {
            case TIMED_OUT -> ExecutionStatus.TIMEOUT;
            case OUT_OF_MEMORY -> ExecutionStatus.MEMORY_LIMIT;
            case OUTPUT_LIMIT -> ExecutionStatus.OUTPUT_LIMIT;
            case SANDBOX_ERROR -> ExecutionStatus.INTERNAL_ERROR;
            case EXITED -> outcome.exitCode() == 0 ? ExecutionStatus.OK
                    : CPU_LIMIT_SIGNAL.equals(signal) ? ExecutionStatus.TIMEOUT
                    : atMemoryLimit(outcome.usage(), memoryLimit) ? ExecutionStatus.MEMORY_LIMIT
                    : ExecutionStatus.RUNTIME_ERROR;
        };
        return new StageResult(status, outcome.exitCode(), signal, outcome.output(), outcome.elapsed(),
                outcome.usage(), outcome.warm(), sandboxFailed ? outcome.error() : null);
    }

    private static boolean atMemoryLimit(ResourceUsage usage, DataSize limit) {
        return usage != null && usage.peakMemory() != null && usage.peakMemory() >= AT_MEMORY_LIMIT * limit.toBytes();
    }

    public boolean succeeded() {
        return status == ExecutionStatus.OK;
    }
}
