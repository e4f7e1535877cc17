package dev.coderunner.execution;

/** A test's outcome, as a judge reports it. */
public enum Verdict {
    ACCEPTED,
    WRONG_ANSWER,
    TIMEOUT,
    MEMORY_LIMIT,
    OUTPUT_LIMIT,
    RUNTIME_ERROR,
    COMPILE_ERROR,
    INTERNAL_ERROR,
    /** Not run: an earlier test failed and the request asked to stop there. */
    SKIPPED;

    static Verdict of(StageResult run, boolean outputMatches) {
        return switch (run.status()) {
            case OK -> outputMatches ? ACCEPTED : WRONG_ANSWER;
            case COMPILE_ERROR -> COMPILE_ERROR;
            case RUNTIME_ERROR -> RUNTIME_ERROR;
            case TIMEOUT -> TIMEOUT;
            case MEMORY_LIMIT -> MEMORY_LIMIT;
            case OUTPUT_LIMIT -> OUTPUT_LIMIT;
            case INTERNAL_ERROR -> INTERNAL_ERROR;
        };
    }
}
