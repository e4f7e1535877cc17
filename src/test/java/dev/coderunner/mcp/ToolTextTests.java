package dev.coderunner.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.coderunner.api.ExecuteResponse;
import dev.coderunner.api.ExecuteResponse.TestResult;
import dev.coderunner.execution.ExecutionStatus;
import dev.coderunner.execution.Verdict;

class ToolTextTests {

    private static ExecuteResponse run(ExecutionStatus status, int exitCode, String signal, String stdout, String stderr,
                                       boolean truncated) {
        return new ExecuteResponse(status == ExecutionStatus.OK, stdout + stderr, exitCode, 0.061, status, stdout,
                stderr, truncated, signal, 0.048, 3L * 1024 * 1024, "python", "3.11.2", null, true, null, "id",
                null, null, null, null);
    }

    private static TestResult test(String name, Verdict verdict, String stdout, String stderr) {
        return new TestResult(name, verdict, ExecutionStatus.OK, 0, stdout + stderr, stdout, stderr, false, null,
                0.02, 0.01, 1024L, null);
    }

    private static final TestResult SKIPPED = new TestResult("test 3", Verdict.SKIPPED, null, null, null, null, null,
            null, null, null, null, null, null);

    private static ExecuteResponse tests(ExecutionStatus status, Verdict verdict, List<TestResult> cases) {
        int passed = (int) cases.stream().filter(test -> test.verdict() == Verdict.ACCEPTED).count();
        return new ExecuteResponse(false, "", 1, 0.02, status, cases.getFirst().stdout(), cases.getFirst().stderr(),
                false, null, null, null, "c", "12.2.0", null, false, null, "id", verdict, passed, cases.size(), cases);
    }

    @Test
    void theFirstLineSaysHowTheRunEndedAndTheOutputFollowsStreamByStream() {
        String text = ToolText.run(run(ExecutionStatus.RUNTIME_ERROR, 1, null, "before\n", "Traceback\nValueError: boom\n", false));

        assertThat(text).isEqualTo("""
                status RUNTIME_ERROR, exit code 1, 0.061 s, 3.0 MB peak memory (python 3.11.2)
                --- stdout ---
                before
                --- stderr ---
                Traceback
                ValueError: boom
                """);
    }

    @Test
    void aTimeoutNamesItsSignalAndSaysWhatHappened() {
        String text = ToolText.run(run(ExecutionStatus.TIMEOUT, 137, "SIGKILL", "", "", false));

        assertThat(text).startsWith("status TIMEOUT, exit code 137 (SIGKILL), 0.061 s")
                .contains("\nThe program ran out of time and was stopped.").endsWith("\n(no output)");
    }

    @Test
    void aCompileErrorIntroducesTheCompilersWords() {
        String text = ToolText.run(run(ExecutionStatus.COMPILE_ERROR, 1, null, "", "main.c:1: error: 'x' undeclared\n", false));

        assertThat(text).contains("The program did not compile; the compiler said:\n--- stderr ---\nmain.c:1: error");
    }

    @Test
    void outputCutAtTheLimitIsSaid() {
        String text = ToolText.run(run(ExecutionStatus.OUTPUT_LIMIT, 137, "SIGKILL", "x".repeat(100), "", true));

        assertThat(text).contains("The output reached the output limit and was cut there");
    }

    @Test
    void aLongStreamKeepsItsBeginningAndItsEnd() {
        String stdout = "BEGIN" + "a".repeat(10_000) + "END";

        String text = ToolText.run(run(ExecutionStatus.OK, 0, null, stdout, "", false));

        assertThat(text.length()).isLessThan(ToolText.STREAM_LIMIT + 200);
        assertThat(text).contains("--- stdout ---\nBEGIN").endsWith("END")
                .contains("[... " + (stdout.length() - ToolText.STREAM_LIMIT) + " characters left out ...]");
    }

    @Test
    void cuttingNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String text = emoji.repeat(10);

        String cut = ToolText.cut(text, 5);

        assertThat(cut.codePoints().filter(point -> Character.getType(point) == Character.SURROGATE))
                .as("unpaired surrogates").isEmpty();
        assertThat(cut).startsWith(emoji).endsWith(emoji);
        assertThat(ToolText.cut("short", 5)).isEqualTo("short");
    }

    @Test
    void testCasesAreListedWithTheWrongAnswersShownBesideTheExpectedOutput() {
        var answer = tests(ExecutionStatus.OK, Verdict.WRONG_ANSWER, List.of(test("small", Verdict.ACCEPTED, "3\n", ""),
                test("test 2", Verdict.WRONG_ANSWER, "4\n", "warning\n"), SKIPPED));

        String text = ToolText.tests(answer, List.of("3", "5", "6"));

        assertThat(text).isEqualTo("""
                WRONG_ANSWER: 1 of 3 test cases passed (c 12.2.0)
                - small: ACCEPTED, 0.020 s
                - test 2: WRONG_ANSWER, 0.020 s
                  expected: "5"
                  stdout: "4\\n"
                  stderr: "warning\\n"
                - test 3: SKIPPED""");
    }

    @Test
    void testsThatDidNotCompileShowTheCompilerOnce() {
        var failed = new TestResult("test 1", Verdict.COMPILE_ERROR, null, null, null, null, null, null, null, null,
                null, null, null);
        var answer = new ExecuteResponse(false, "oops\n", 1, 0.1, ExecutionStatus.COMPILE_ERROR, "", "oops\n", false,
                null, null, null, "c", "12.2.0", null, false, null, "id", Verdict.COMPILE_ERROR, 0, 2,
                List.of(failed, failed));

        String text = ToolText.tests(answer, List.of("", ""));

        assertThat(text).isEqualTo("""
                COMPILE_ERROR: 0 of 2 test cases passed (c 12.2.0)
                The program did not compile, so no case ran; the compiler said:
                --- stderr ---
                oops
                """);
    }
}
