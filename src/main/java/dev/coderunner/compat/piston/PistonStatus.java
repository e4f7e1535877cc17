package dev.coderunner.compat.piston;

import dev.coderunner.execution.ExecutionStatus;
import dev.coderunner.execution.StageResult;

/**
 * Piston's status codes, as its sandbox reports them, and which of ours each stands for. A
 * stage that ended well has no status. docs/piston.md shows this mapping; a test keeps it equal.
 */
enum PistonStatus {
    /** Exited with a non-zero status. */
    RE,
    /** Ended by a signal. */
    SG,
    /** Ran out of time (wall clock or CPU). */
    TO,
    /** Standard output over the limit. */
    OL,
    /** Standard error over the limit. */
    EL,
    /** The sandbox failed: ours, not the program's. */
    XX;

    /** The status of a stage, or null when it ended well. */
    static PistonStatus of(StageResult stage) {
        return of(stage.status(), stage.signal() != null, stage.output().stderr().length > stage.output().stdout().length);
    }

    static PistonStatus of(ExecutionStatus status, boolean signalled, boolean mostlyStderr) {
        return switch (status) {
            case OK -> null;
            case RUNTIME_ERROR, COMPILE_ERROR, MEMORY_LIMIT -> signalled ? SG : RE;
            case TIMEOUT -> TO;
            case OUTPUT_LIMIT -> mostlyStderr ? EL : OL;
            case INTERNAL_ERROR -> XX;
        };
    }
}
