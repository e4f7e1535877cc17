package dev.coderunner.sandbox;

/**
 * The sandbox SPI: everything the execution logic needs from an isolation engine. Engines (Docker,
 * bubblewrap) and decorators (warm pools) implement it; nothing above this package knows which.
 */
public interface SandboxFactory {

    /** Short engine name shown by health and language listings, e.g. {@code docker}. */
    String engine();

    /**
     * Creates a fresh sandbox for exactly one program. The caller must close it; closing removes
     * everything the sandbox created.
     */
    Sandbox open(SandboxSpec spec);

    /**
     * Creates a sandbox whose planned commands are already started, each waiting for its files and
     * stdin, so that running one only hands them over. The program cannot tell the difference:
     * same argv, working directory, environment and limits as in a sandbox from {@link #open}.
     * Called from long-lived threads: an engine may tie the waiting processes to the calling thread.
     */
    Sandbox openWarm(SandboxSpec spec);

    /** Whether a run with the given image could be executed right now, and if not, why. */
    Readiness readiness(String image);

    record Readiness(boolean ready, String reason) {
        public static Readiness ok() {
            return new Readiness(true, "ready");
        }

        public static Readiness notReady(String reason) {
            return new Readiness(false, reason);
        }
    }
}
