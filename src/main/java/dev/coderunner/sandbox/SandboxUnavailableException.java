package dev.coderunner.sandbox;

/**
 * The engine could not provide or start a sandbox: it is down, does not answer in time, or failed.
 * Our failure, never the program's: nothing of the program has run yet, so the request can be
 * retried as it is.
 */
public class SandboxUnavailableException extends RuntimeException {

    public SandboxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SandboxUnavailableException(String message) {
        super(message);
    }
}
