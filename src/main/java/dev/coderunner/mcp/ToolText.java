package dev.coderunner.mcp;

import java.util.List;
import java.util.Locale;

import dev.coderunner.api.ExecuteResponse;
import dev.coderunner.execution.ExecutionStatus;
import dev.coderunner.execution.Verdict;

/**
 * The text a model reads of a run: how it ended on the first line, then its output. Many clients
 * hand the model only this text, not the structured result, so it must stand alone; but a flood of
 * output would crowd out the conversation, so each stream is cut to its beginning and its end
 * (where a traceback or the final answer usually is).
 */
final class ToolText {

    /** Characters of one stream kept in the text; the structured result holds all of it. */
    static final int STREAM_LIMIT = 4000;
    /** Characters of a failed test case's output and expected output. */
    static final int CASE_LIMIT = 600;

    private ToolText() {
    }

    static String run(ExecuteResponse run) {
        var text = new StringBuilder(headline(run));
        if (run.status() == ExecutionStatus.COMPILE_ERROR) {
            text.append("\nThe program did not compile; the compiler said:");
        }
        streams(text, run.stdout(), run.stderr(), STREAM_LIMIT);
        return text.toString();
    }

    static String tests(ExecuteResponse run, List<String> expected) {
        var text = new StringBuilder().append(run.verdict()).append(": ").append(run.passed()).append(" of ")
                .append(run.total()).append(" test cases passed (").append(run.language()).append(' ')
                .append(run.version()).append(')');
        if (run.status() == ExecutionStatus.COMPILE_ERROR) {
            text.append("\nThe program did not compile, so no case ran; the compiler said:");
            streams(text, run.stdout(), run.stderr(), STREAM_LIMIT);
            return text.toString();
        }
        for (int i = 0; i < run.tests().size(); i++) {
            ExecuteResponse.TestResult test = run.tests().get(i);
            text.append("\n- ").append(test.name()).append(": ").append(test.verdict());
            if (test.executionTime() != null) {
                text.append(String.format(Locale.ROOT, ", %.3f s", test.executionTime()));
            }
            if (test.exitCode() != null && test.exitCode() != 0) {
                text.append(", exit code ").append(test.exitCode());
            }
            if (test.error() != null) {
                text.append(", ").append(test.error());
            }
            if (test.verdict() != Verdict.ACCEPTED && test.verdict() != Verdict.SKIPPED) {
                if (test.verdict() == Verdict.WRONG_ANSWER && i < expected.size()) {
                    text.append("\n  expected: ").append(quoted(expected.get(i)));
                }
                text.append("\n  stdout: ").append(quoted(test.stdout()));
                if (test.stderr() != null && !test.stderr().isEmpty()) {
                    text.append("\n  stderr: ").append(quoted(test.stderr()));
                }
            }
        }
        return text.toString();
    }

    /** "status OK, exit code 0, 0.061 s (python 3.11.2)", with what else explains the end. */
    private static String headline(ExecuteResponse run) {
        var line = new StringBuilder("status ").append(run.status()).append(", exit code ").append(run.exitCode());
        if (run.signal() != null) {
            line.append(" (").append(run.signal()).append(')');
        }
        line.append(String.format(Locale.ROOT, ", %.3f s", run.executionTime()));
        if (run.memory() != null) {
            line.append(String.format(Locale.ROOT, ", %.1f MB peak memory", run.memory() / (1024.0 * 1024)));
        }
        line.append(" (").append(run.language()).append(' ').append(run.version()).append(')');
        if (run.status() == ExecutionStatus.TIMEOUT) {
            line.append("\nThe program ran out of time and was stopped.");
        }
        if (run.status() == ExecutionStatus.MEMORY_LIMIT) {
            line.append("\nThe program ran out of memory.");
        }
        if (run.truncated()) {
            line.append("\nThe output reached the output limit and was cut there; the program was stopped.");
        }
        if (run.error() != null) {
            line.append("\nThe service failed to run the program: ").append(run.error());
        }
        return line.toString();
    }

    private static void streams(StringBuilder text, String stdout, String stderr, int limit) {
        if (stdout.isEmpty() && stderr.isEmpty()) {
            text.append("\n(no output)");
            return;
        }
        if (!stdout.isEmpty()) {
            text.append("\n--- stdout ---\n").append(cut(stdout, limit));
        }
        if (!stderr.isEmpty()) {
            text.append(text.charAt(text.length() - 1) == '\n' ? "" : "\n").append("--- stderr ---\n")
                    .append(cut(stderr, limit));
        }
    }

    /** The text's beginning and end with what was left out counted between them. */
    static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int head = limit / 2;
        int tail = text.length() - (limit - head);
        // Never split a surrogate pair: half an emoji is not text.
        if (Character.isLowSurrogate(text.charAt(head))) {
            head--;
        }
        if (Character.isLowSurrogate(text.charAt(tail))) {
            tail++;
        }
        return text.substring(0, head) + "\n[... " + (tail - head) + " characters left out ...]\n"
                + text.substring(tail);
    }

    private static String quoted(String text) {
        if (text == null) {
            return "(none)";
        }
        String cut = cut(text, CASE_LIMIT);
        return '"' + cut.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
    }
}
