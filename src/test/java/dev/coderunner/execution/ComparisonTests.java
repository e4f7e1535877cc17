package dev.coderunner.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ComparisonTests {

    @Test
    void exactIsByteForByte() {
        var exact = new Comparison.Exact();

        assertThat(exact.matches("1 2\n", "1 2\n")).isTrue();
        assertThat(exact.matches("1 2\n", "1 2")).isFalse();
        assertThat(exact.matches("1 2\n", "1 2 \n")).isFalse();
    }

    @Test
    void trimIgnoresTrailingSpaceOnEachLineAndTrailingBlankLinesOnly() {
        var trim = Comparison.DEFAULT;

        assertThat(trim.matches("1 2\n3\n", "1 2   \n3\t\n\n\n")).isTrue();
        assertThat(trim.matches("1 2\n3", "1 2\r\n3\r\n")).isTrue();
        assertThat(trim.matches("1 2\n3\n", "1  2\n3\n")).as("inner spacing counts").isFalse();
        assertThat(trim.matches("1\n\n2\n", "1\n2\n")).as("inner blank lines count").isFalse();
        assertThat(trim.matches("a\n", " a\n")).as("leading space counts").isFalse();
        assertThat(trim.matches("", "\n\n")).isTrue();
    }

    @Test
    void tokensIgnoreAllSpacing() {
        var tokens = new Comparison.Tokens();

        assertThat(tokens.matches("1 2 3", "1\n2\t\t3\n")).isTrue();
        assertThat(tokens.matches("1 2 3", "1 2")).isFalse();
        assertThat(tokens.matches("", "  \n")).isTrue();
        assertThat(tokens.matches("1.0", "1")).as("tokens are text").isFalse();
    }

    @Test
    void floatsMatchWithinAnAbsoluteOrRelativeTolerance() {
        var floats = new Comparison.FloatTokens(1e-6);

        assertThat(floats.matches("3.141592", "3.1415926535")).isTrue();
        assertThat(floats.matches("3.14", "3.15")).isFalse();
        assertThat(floats.matches("1e12", "1000000000001")).as("relative").isTrue();
        assertThat(floats.matches("0.5 yes", "0.5000001 yes")).isTrue();
        assertThat(floats.matches("0.5 yes", "0.5 no")).isFalse();
        assertThat(floats.matches("1 2", "1 2 3")).isFalse();
        assertThat(floats.matches("nan", "nan")).as("equal text").isTrue();
        assertThat(floats.matches("1", "nan")).isFalse();
        assertThat(floats.matches("1", "0x1")).isFalse();
    }

    @Test
    void aToleranceMustBeAFiniteNonNegativeNumber() {
        assertThatThrownBy(() -> new Comparison.FloatTokens(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Comparison.FloatTokens(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Comparison.FloatTokens(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
