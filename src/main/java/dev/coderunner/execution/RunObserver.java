package dev.coderunner.execution;

import dev.coderunner.sandbox.LiveInput;
import dev.coderunner.sandbox.OutputListener;

/**
 * Someone following a run as it happens (a streamed or interactive client): told once the run has
 * its sandbox and starts, at each stage, and of the output as the program produces it. Everything
 * that refuses a run happens before {@link #started}. Called from the run's threads; output comes
 * from the engine's reading threads.
 */
public interface RunObserver extends OutputListener {

    /** The run was admitted and has its sandbox; nothing after this refuses it. */
    void started(String executionId);

    /** The compile step or the program is about to start. */
    void stage(Stage stage);

    /** Stdin and signals sent while the program runs, or null to give it the request's stdin. */
    default LiveInput input() {
        return null;
    }

    enum Stage {
        COMPILE, RUN
    }
}
