package dev.coderunner.execution;

import dev.coderunner.language.Language;

/**
 * The outcome of a request: the program's run, and the compile stage before it when the language
 * has one. When compilation fails, {@code run} is the compile stage itself, so the fields clients
 * read first (status, output, exit code) describe what went wrong.
 *
 * @param executionId the run's id: in its answer, in every log line of it, and in the audit trail
 * @param version     the runtime version the program ran with
 */
public record ExecutionResult(String executionId, Language language, String version, StageResult compile, StageResult run) {

    /**
     * A compile step that ran out of time is a {@code TIMEOUT}; any other compile failure (errors,
     * memory, output flood) is a {@code COMPILE_ERROR}: the program itself never ran.
     */
    public ExecutionStatus status() {
        if (compile != null && !compile.succeeded()) {
            return compile.status() == ExecutionStatus.TIMEOUT ? ExecutionStatus.TIMEOUT : ExecutionStatus.COMPILE_ERROR;
        }
        return run.status();
    }

    public boolean success() {
        return status() == ExecutionStatus.OK;
    }
}
