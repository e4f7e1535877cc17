package dev.coderunner.sandbox;

import java.time.Duration;
import java.util.List;

/**
 * How one command ended.
 *
 * @param exitCode    the exit status as a shell reports it (128 + signal when killed by one)
 * @param termination why it ended
 * @param output      what it printed, bounded
 * @param elapsed     wall time it ran inside the sandbox
 * @param usage       CPU time and peak memory from the cgroup, or null when the engine could not
 *                    read them
 * @param warm        whether the command was started ahead in a sandbox from a warm pool
 * @param error       for {@link Termination#SANDBOX_ERROR}: what failed, in words for the client
 * @param files       the working directory's files after the command, when they were asked for
 */
public record CommandOutcome(int exitCode, Termination termination, CapturedOutput output, Duration elapsed,
                             ResourceUsage usage, boolean warm, String error, List<SandboxFile> files) {

    public CommandOutcome {
        files = files == null ? List.of() : List.copyOf(files);
    }

    public CommandOutcome(int exitCode, Termination termination, CapturedOutput output, Duration elapsed,
                          ResourceUsage usage, boolean warm, String error) {
        this(exitCode, termination, output, elapsed, usage, warm, error, List.of());
    }

    public CommandOutcome(int exitCode, Termination termination, CapturedOutput output, Duration elapsed,
                          ResourceUsage usage) {
        this(exitCode, termination, output, elapsed, usage, false, null);
    }

    /** The engine failed under the program: its output so far, and what went wrong. */
    public static CommandOutcome engineFailed(String error, CapturedOutput output, Duration elapsed) {
        return new CommandOutcome(ExitStatus.KILLED, Termination.SANDBOX_ERROR, output, elapsed, null, false, error);
    }

    CommandOutcome startedWarm() {
        return new CommandOutcome(exitCode, termination, output, elapsed, usage, true, error, files);
    }

    public CommandOutcome withFiles(List<SandboxFile> collected) {
        return new CommandOutcome(exitCode, termination, output, elapsed, usage, warm, error, collected);
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
        /** The sandbox failed, not the program: its files could not be staged, or the engine died. */
        SANDBOX_ERROR;

        /**
         * The one place deciding how a command ended, from what the engine observed. A failing
         * engine outranks everything (its figures cannot be trusted); the service's own kills come
         * next, and the kernel's out-of-memory kill before the program's own exit.
         */
        public static Termination of(boolean engineFailed, boolean timedOut, boolean outputLimit, boolean oomKilled,
                                     boolean stagingFailed) {
            return engineFailed ? SANDBOX_ERROR
                    : timedOut ? TIMED_OUT
                    : outputLimit ? OUTPUT_LIMIT
                    : oomKilled ? OUT_OF_MEMORY
                    : stagingFailed ? SANDBOX_ERROR
                    : EXITED;
        }
    }
}
