package dev.coderunner.execution;

import java.util.List;

import dev.coderunner.language.Language;

/**
 * The outcome of a request: the program's run, and the compile stage before it when the language
 * has one. When compilation fails, {@code run} is the compile stage itself, so the fields clients
 * read first (status, output, exit code) describe what went wrong.
 *
 * @param executionId the run's id: in its answer, in every log line of it, and in the audit trail
 * @param version     the runtime version the program ran with
 * @param tests       with test cases: how each went, in order ({@code run} is the first's); else null
 */
public record ExecutionResult(String executionId, Language language, String version, StageResult compile, StageResult run,
                              List<TestOutcome> tests) {

    public ExecutionResult(String executionId, Language language, String version, StageResult compile, StageResult run) {
        this(executionId, language, version, compile, run, null);
    }

    /** With test cases: the first case's verdict that is not ACCEPTED, else ACCEPTED; null without. */
    public Verdict verdict() {
        if (tests == null) {
            return null;
        }
        return tests.stream().map(TestOutcome::verdict)
                .filter(verdict -> verdict != Verdict.ACCEPTED && verdict != Verdict.SKIPPED)
                .findFirst().orElse(Verdict.ACCEPTED);
    }

    public int passed() {
        return tests == null ? 0 : (int) tests.stream().filter(test -> test.verdict() == Verdict.ACCEPTED).count();
    }

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
