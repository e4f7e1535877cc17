package dev.coderunner.sandbox;

/**
 * One single-use sandbox: a private, size-capped working directory plus the limits it was opened
 * with. Commands run one after another (a compile step, then the program) and see the same
 * working directory; the first command brings the files. {@link #close()} is idempotent and
 * removes everything the sandbox created.
 */
public interface Sandbox extends AutoCloseable {

    /**
     * Runs one command to completion, a limit, or the deadline; never throws for program failures.
     *
     * @throws SandboxUnavailableException when the engine fails before the program was handed over
     */
    CommandOutcome run(SandboxCommand command);

    /** False once a warm sandbox's waiting commands have died (killed from outside, say). */
    default boolean usable() {
        return true;
    }

    @Override
    void close();
}
