package dev.coderunner.execution;

/** How a run ended, from the program's point of view. */
public enum ExecutionStatus {
    OK,
    COMPILE_ERROR,
    RUNTIME_ERROR,
    TIMEOUT,
    MEMORY_LIMIT,
    OUTPUT_LIMIT,
    INTERNAL_ERROR
}
