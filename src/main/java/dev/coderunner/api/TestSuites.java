package dev.coderunner.api;

import java.util.Map;

import dev.coderunner.execution.Comparison;
import dev.coderunner.execution.InvalidExecutionRequestException;
import dev.coderunner.execution.TestSuite;

/** The test cases of a request body, checked: how many, and a comparison that exists. */
final class TestSuites {

    private TestSuites() {
    }

    /** Null when the body has no tests: a plain run. */
    static TestSuite of(ExecuteRequest body, int maxCases) {
        if (body.tests() == null) {
            if (body.comparison() != null || body.stopOnFirstFailure() != null) {
                throw new InvalidExecutionRequestException("tests", "comparison and stop_on_first_failure need tests");
            }
            return null;
        }
        if (body.tests().isEmpty() || body.tests().size() > maxCases) {
            throw new InvalidExecutionRequestException("tests", "tests must hold between 1 and " + maxCases + " cases");
        }
        var cases = body.tests().stream()
                .map(test -> new TestSuite.TestCase(test.name(), test.stdin(), test.args(), test.expectedOutput()))
                .toList();
        return new TestSuite(cases, comparison(body.comparison()), Boolean.TRUE.equals(body.stopOnFirstFailure()));
    }

    private static Comparison comparison(Object requested) {
        if (requested == null) {
            return Comparison.DEFAULT;
        }
        if (requested instanceof String name) {
            return switch (name) {
                case "exact" -> new Comparison.Exact();
                case "trim" -> new Comparison.Trim();
                case "tokens" -> new Comparison.Tokens();
                default -> throw invalid();
            };
        }
        if (requested instanceof Map<?, ?> map && map.size() == 1 && map.get("float") instanceof Number tolerance) {
            try {
                return new Comparison.FloatTokens(tolerance.doubleValue());
            } catch (IllegalArgumentException e) {
                throw new InvalidExecutionRequestException("comparison", e.getMessage());
            }
        }
        throw invalid();
    }

    private static InvalidExecutionRequestException invalid() {
        return new InvalidExecutionRequestException("comparison",
                "comparison must be \"exact\", \"trim\", \"tokens\" or {\"float\": <tolerance>}");
    }
}
