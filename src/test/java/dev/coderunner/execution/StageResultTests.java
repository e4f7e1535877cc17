package dev.coderunner.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.coderunner.sandbox.CapturedOutput;
import dev.coderunner.sandbox.CommandOutcome;
import dev.coderunner.sandbox.CommandOutcome.Termination;
import dev.coderunner.sandbox.ResourceUsage;

class StageResultTests {

    private static final DataSize LIMIT = DataSize.ofMegabytes(100);

    private static StageResult exited(int code, Long peak) {
        return StageResult.of(new CommandOutcome(code, Termination.EXITED, CapturedOutput.EMPTY, Duration.ofMillis(5),
                new ResourceUsage(Duration.ofMillis(3), peak)), LIMIT);
    }

    @Test
    void exitStatusesMapToStatusesAndSignalNames() {
        assertThat(exited(0, 1L).status()).isEqualTo(ExecutionStatus.OK);
        assertThat(exited(3, 1L).status()).isEqualTo(ExecutionStatus.RUNTIME_ERROR);
        assertThat(exited(3, 1L).signal()).isNull();
        assertThat(exited(139, 1L).signal()).isEqualTo("SIGSEGV");
        assertThat(exited(152, 1L).status()).isEqualTo(ExecutionStatus.TIMEOUT);
    }

    @Test
    void aFailureAtTheMemoryCeilingIsAMemoryLimit() {
        assertThat(exited(1, LIMIT.toBytes() - 1024).status()).isEqualTo(ExecutionStatus.MEMORY_LIMIT);
        assertThat(exited(1, LIMIT.toBytes() / 2).status()).isEqualTo(ExecutionStatus.RUNTIME_ERROR);
        assertThat(exited(0, LIMIT.toBytes()).status()).isEqualTo(ExecutionStatus.OK);
        assertThat(exited(1, null).status()).isEqualTo(ExecutionStatus.RUNTIME_ERROR);
    }

    @Test
    void terminationsDecideBeforeExitCodes() {
        for (var termination : new Termination[] {Termination.TIMED_OUT, Termination.OUT_OF_MEMORY, Termination.OUTPUT_LIMIT}) {
            var result = StageResult.of(new CommandOutcome(137, termination, CapturedOutput.EMPTY, Duration.ZERO, null), LIMIT);
            assertThat(result.status()).isEqualTo(switch (termination) {
                case TIMED_OUT -> ExecutionStatus.TIMEOUT;
                case OUT_OF_MEMORY -> ExecutionStatus.MEMORY_LIMIT;
                default -> ExecutionStatus.OUTPUT_LIMIT;
            });
        }
    }

    @Test
    void aFailedCompileIsACompileErrorUnlessItTimedOut() {
        var language = new dev.coderunner.language.Language("c", null);
        var failed = exited(1, 1L);
        var timedOut = StageResult.of(new CommandOutcome(137, Termination.TIMED_OUT, CapturedOutput.EMPTY, Duration.ZERO, null), LIMIT);
        var oom = StageResult.of(new CommandOutcome(137, Termination.OUT_OF_MEMORY, CapturedOutput.EMPTY, Duration.ZERO, null), LIMIT);

        assertThat(new ExecutionResult("id", language, "1", failed, failed).status()).isEqualTo(ExecutionStatus.COMPILE_ERROR);
        assertThat(new ExecutionResult("id", language, "1", oom, oom).status()).isEqualTo(ExecutionStatus.COMPILE_ERROR);
        assertThat(new ExecutionResult("id", language, "1", timedOut, timedOut).status()).isEqualTo(ExecutionStatus.TIMEOUT);
        assertThat(new ExecutionResult("id", language, "1", exited(0, 1L), exited(3, 1L)).status()).isEqualTo(ExecutionStatus.RUNTIME_ERROR);
    }
}
