package dev.coderunner.sandbox;

import java.time.Duration;

/**
 * How one command ended.
 *
 * @param exitCode    the exit status as a shell reports it (128 + signal when killed by one)
 * @param termination why it ended
 * @param output      what it printed, bounded
 * @param elapsed     wall time it ran inside the sandbox
 * @param usage       CPU time and peak memory from the cgroup, or null when the engine could not
 *                    read them (the service killed the sandbox before it could report)
 * @param warm        whether the command had been started ahead and was waiting for its input
 */
public record CommandOutcome(int exitCode, Termination termination, CapturedOutput output, Duration elapsed,
                             ResourceUsage usage, boolean warm) {

    public CommandOutcome(int exitCode, Termination termination, CapturedOutput output, Duration elapsed,
                          ResourceUsage usage) {
        this(exitCode, termination, output, elapsed, usage, false);
    }

    public enum Termination {
        /** The program ended by itself (any exit code, or a signal it did not get from us). */
        EXITED,
        /** Killed at the wall-clock deadline. */
        TIMED_OUT,
        /** Killed by the kernel for exceeding the memory limit. */
        OUT_OF_MEMORY,
        /** Stopped because it printed more than the output cap. */
        OUTPUT_LIMIT,
        /** The sandbox could not start the program (e.g. the files did not fit in the workspace). */
        SANDBOX_ERROR
    }
}
