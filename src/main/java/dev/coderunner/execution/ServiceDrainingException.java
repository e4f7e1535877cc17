package dev.coderunner.execution;

/** The service is shutting down: it finishes the runs it has, and takes no new one. */
public class ServiceDrainingException extends RuntimeException {

    public ServiceDrainingException() {
        super("the service is shutting down and takes no new runs; retry on another instance or shortly");
    }
}
