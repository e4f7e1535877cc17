package dev.coderunner.sandbox;

import java.util.Set;

/**
 * What an engine's instances leave on this host, grouped by the instance run that made it, and
 * how to tell whether that run still lives. Each engine proves life its own way: a held lock, a
 * lease that ends with the process.
 */
public interface Leftovers {

    /** The instance runs that have anything here, ours included. */
    Set<String> runs();

    /** Whether that instance run is still alive; false for one killed without cleaning up. */
    boolean alive(String run);

    /** Removes everything the given dead run left; returns how many resources went. */
    int remove(String run);

    /** Retries removals of our own that failed (the engine was down, say); returns how many went. */
    default int retryOwn() {
        return 0;
    }
}
