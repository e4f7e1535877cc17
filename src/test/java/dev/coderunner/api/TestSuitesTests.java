package dev.coderunner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.coderunner.execution.Comparison;
import dev.coderunner.execution.InvalidExecutionRequestException;

class TestSuitesTests {

    private static ExecuteRequest body(List<ExecuteRequest.TestBody> tests, Object comparison, Boolean stop) {
        return new ExecuteRequest("print(1)", "python", null, null, null, null, null, null, null, tests, comparison, stop);
    }

    private static final List<ExecuteRequest.TestBody> ONE = List.of(new ExecuteRequest.TestBody(null, "1", null, "1"));

    @Test
    void noTestsIsAPlainRun() {
        assertThat(TestSuites.of(body(null, null, null), 64)).isNull();
    }

    @Test
    void theComparisonIsOneOfFourAndTrimByDefault() {
        assertThat(TestSuites.of(body(ONE, null, null), 64).comparison()).isEqualTo(Comparison.DEFAULT);
        assertThat(TestSuites.of(body(ONE, "exact", null), 64).comparison()).isInstanceOf(Comparison.Exact.class);
        assertThat(TestSuites.of(body(ONE, "tokens", null), 64).comparison()).isInstanceOf(Comparison.Tokens.class);
        assertThat(TestSuites.of(body(ONE, Map.of("float", 0.001), true), 64).comparison())
                .isEqualTo(new Comparison.FloatTokens(0.001));
        assertThat(TestSuites.of(body(ONE, null, true), 64).stopOnFirstFailure()).isTrue();
    }

    @Test
    void badSuitesAreRefusedNamingTheField() {
        var tooMany = Collections.nCopies(65, ONE.getFirst());
        for (var bad : List.of(body(tooMany, null, null), body(List.of(), null, null), body(ONE, "fuzzy", null),
                body(ONE, Map.of("float", -1), null), body(ONE, Map.of("float", "1"), null),
                body(ONE, Map.of("float", 1, "x", 2), null), body(ONE, 3, null), body(null, "exact", null),
                body(null, null, true))) {
            assertThatThrownBy(() -> TestSuites.of(bad, 64)).isInstanceOf(InvalidExecutionRequestException.class);
        }
    }
}
