package dev.coderunner.execution;

import java.util.UUID;

/** Ids of runs: one per request, in its answer, its log lines (MDC key {@value #MDC_KEY}) and the audit trail. */
public final class ExecutionIds {

    public static final String MDC_KEY = dev.coderunner.sandbox.RunContext.EXECUTION_ID;

    private ExecutionIds() {
    }

    public static String next() {
        return UUID.randomUUID().toString();
    }
}
