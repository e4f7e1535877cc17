package dev.coderunner.compat.piston;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.coderunner.sandbox.ProgramSignal;

class PistonSignalsTests {

    @Test
    void pistonsNamesFromSighupToSigrtmaxAreKnownInUpperCaseOnly() {
        assertThat(PistonSignals.known("SIGHUP")).isTrue();
        assertThat(PistonSignals.known("SIGWINCH")).isTrue();
        assertThat(PistonSignals.known("SIGRTMIN+15")).isTrue();
        assertThat(PistonSignals.known("SIGRTMAX-14")).isTrue();
        assertThat(PistonSignals.known("SIGRTMAX")).isTrue();

        assertThat(PistonSignals.known("SIGRTMIN+16")).isFalse();
        assertThat(PistonSignals.known("SIGRTMAX-15")).isFalse();
        assertThat(PistonSignals.known("sigint")).isFalse();
        assertThat(PistonSignals.known("INT")).isFalse();
        assertThat(PistonSignals.known("2")).isFalse();
    }

    @Test
    void onlyTheSignalsTheSandboxesDeliverAreDelivered() {
        assertThat(PistonSignals.deliverable("SIGINT")).contains(ProgramSignal.SIGINT);
        assertThat(PistonSignals.deliverable("SIGTERM")).contains(ProgramSignal.SIGTERM);
        assertThat(PistonSignals.deliverable("SIGKILL")).contains(ProgramSignal.SIGKILL);
        assertThat(PistonSignals.deliverable("SIGWINCH")).isEmpty();
    }
}
