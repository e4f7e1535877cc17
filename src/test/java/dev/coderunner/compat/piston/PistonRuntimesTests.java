package dev.coderunner.compat.piston;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PistonRuntimesTests {

    @Test
    void selectorsAreReadAsNpmSemverDoes() {
        assertThat(PistonRuntimes.accepts(null, "3.11.2")).isTrue();
        assertThat(PistonRuntimes.accepts("*", "3.11.2")).isTrue();
        assertThat(PistonRuntimes.accepts("3.11.2", "3.11.2")).isTrue();
        assertThat(PistonRuntimes.accepts("3.x", "3.11.2")).isTrue();
        assertThat(PistonRuntimes.accepts("3", "3.11.2")).isTrue();
        assertThat(PistonRuntimes.accepts("^3.10", "3.11.2")).isTrue();
        assertThat(PistonRuntimes.accepts(">=1.60", "1.63.0")).isTrue();
        assertThat(PistonRuntimes.accepts("1.19", "1.19")).as("a two-part version").isTrue();
        assertThat(PistonRuntimes.accepts("1.19.x", "1.19")).isTrue();

        assertThat(PistonRuntimes.accepts("2.x", "3.11.2")).isFalse();
        assertThat(PistonRuntimes.accepts("3.10.0", "3.11.2")).isFalse();
        assertThat(PistonRuntimes.accepts("not a version", "3.11.2")).isFalse();
    }
}
