package dev.coderunner.execution;

/**
 * How one test case went.
 *
 * @param run how its program ended; null when it was skipped
 */
public record TestOutcome(String name, Verdict verdict, StageResult run) {
}
