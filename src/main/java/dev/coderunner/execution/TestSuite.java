package dev.coderunner.execution;

import java.util.List;

/**
 * Test cases to run a program against: compiled once, each case in a fresh sandbox of its own.
 *
 * @param stopOnFirstFailure run the cases one after another and skip the rest after a failure
 */
public record TestSuite(List<TestCase> cases, Comparison comparison, boolean stopOnFirstFailure) {

    public TestSuite {
        cases = List.copyOf(cases);
        comparison = comparison == null ? Comparison.DEFAULT : comparison;
    }

    /** A case's name: its own, else its position ("test 1" for the first). */
    public String name(int index) {
        String own = cases.get(index).name();
        return own != null ? own : "test " + (index + 1);
    }

    /**
     * One case. Without stdin or args of its own, the request's are used.
     *
     * @param name optional, echoed back; the case's position otherwise
     */
    public record TestCase(String name, String stdin, List<String> args, String expectedOutput) {
        public TestCase {
            args = args == null ? null : List.copyOf(args);
        }
    }
}
