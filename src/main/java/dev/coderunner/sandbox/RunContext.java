package dev.coderunner.sandbox;

import java.util.Optional;

import org.slf4j.MDC;

/**
 * The run a sandbox is being made for, when it is made on that run's own thread (a cold sandbox):
 * its execution id goes into the sandbox's labels or cgroup name, so an operator can find one from
 * the other. Warm sandboxes are made before any run and carry none.
 */
public final class RunContext {

    /** The MDC key of the execution id, in every log line of a run. */
    public static final String EXECUTION_ID = "execution_id";

    private RunContext() {
    }

    public static Optional<String> executionId() {
        return Optional.ofNullable(MDC.get(EXECUTION_ID)).filter(id -> id.matches("[A-Za-z0-9-]{1,64}"));
    }
}
