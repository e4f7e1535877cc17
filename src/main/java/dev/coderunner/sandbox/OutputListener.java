package dev.coderunner.sandbox;

/**
 * Told of a command's output as the engine receives it: only bytes kept under the output cap, in
 * order on each stream. Called from the engine's reading thread, outside any lock of the engine's,
 * so a slow listener slows the program down (its pipe fills) and never the service.
 */
@FunctionalInterface
public interface OutputListener {

    void output(boolean isStderr, byte[] chunk);
}
