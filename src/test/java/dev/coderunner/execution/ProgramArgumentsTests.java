package dev.coderunner.execution;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProgramArgumentsTests {

    private static ExecutionRequest withArgs(List<String> args) {
        return new ExecutionRequest("python", "print(1)", List.of(), null, args, null, null, null, null);
    }

    @Test
    void argumentsUpToTheKernelsLimitsPass() {
        assertThatCode(() -> ProgramArguments.check(withArgs(Collections.nCopies(ProgramArguments.MAX_COUNT, "a"))))
                .doesNotThrowAnyException();
        assertThatCode(() -> ProgramArguments.check(withArgs(List.of("x".repeat(ProgramArguments.MAX_BYTES)))))
                .doesNotThrowAnyException();
    }

    @Test
    void tooManyArgumentsAreTheClientsError() {
        assertThatThrownBy(() -> ProgramArguments.check(withArgs(Collections.nCopies(ProgramArguments.MAX_COUNT + 1, "a"))))
                .isInstanceOf(InvalidExecutionRequestException.class).hasMessageContaining("at most 4096 arguments");
    }

    @Test
    void anArgumentIsMeasuredInUtf8Bytes() {
        // 131071 bytes as 'x' pass; as many characters of 'é' (two bytes each) do not.
        assertThatThrownBy(() -> ProgramArguments.check(withArgs(List.of("é".repeat(ProgramArguments.MAX_BYTES / 2 + 1)))))
                .isInstanceOf(InvalidExecutionRequestException.class).hasMessageContaining("131071 bytes");
    }

    @Test
    void aNulCannotBePassed() {
        assertThatThrownBy(() -> ProgramArguments.check(withArgs(List.of("a\0b"))))
                .isInstanceOf(InvalidExecutionRequestException.class).hasMessageContaining("NUL");
    }

    @Test
    void eachTestCasesArgumentsAreCheckedToo() {
        var tests = new TestSuite(List.of(new TestSuite.TestCase("t", "", List.of("x".repeat(200_000)), "")),
                new Comparison.Exact(), false);
        var request = new ExecutionRequest("python", "print(1)", List.of(), null, List.of(), null, null, null, null,
                ExecutionRequest.Caller.UNKNOWN, tests);
        assertThatThrownBy(() -> ProgramArguments.check(request))
                .isInstanceOf(InvalidExecutionRequestException.class)
                .extracting(e -> ((InvalidExecutionRequestException) e).field()).isEqualTo("tests.args");
    }
}
