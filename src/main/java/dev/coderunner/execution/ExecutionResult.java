package dev.coderunner.execution;

import dev.coderunner.language.Language;

/**
 * The outcome of a request: the program's run, and the compile stage before it when the language
 * has one. When compilation fails, {@code run} is the compile stage itself, so the fields clients
 * read first (status, output, exit code) describe what went wrong.
 */
public record ExecutionResult(Language language, StageResult compile, StageResult run) {

    public ExecutionStatus status() {
        if (compile != null && !compile.succeeded()) {
            return compile.status() == ExecutionStatus.RUNTIME_ERROR ? ExecutionStatus.COMPILE_ERROR : compile.status();
        }
        return run.status();
    }

    public boolean success() {
        return status() == ExecutionStatus.OK;
    }
}
