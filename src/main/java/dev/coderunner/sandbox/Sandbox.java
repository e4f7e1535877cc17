package dev.coderunner.sandbox;

import java.util.List;

/**
 * One single-use sandbox: a private, size-capped working directory plus the limits it was opened
 * with. Commands run one after another (a compile step, then the program) and see the same
 * working directory. {@link #close()} is idempotent and removes everything the sandbox created.
 */
public interface Sandbox extends AutoCloseable {

    /** Places files in the working directory before the next command runs. */
    void addFiles(List<SandboxFile> files);

    /**
     * Runs one command to completion, a limit, or the deadline; never throws for program failures.
     * In a warm sandbox the next command started ahead is used when it has the command's plan.
     */
    CommandOutcome run(SandboxCommand command);

    /** False once a warm sandbox's waiting commands have died (killed from outside, say). */
    default boolean usable() {
        return true;
    }

    @Override
    void close();
}
