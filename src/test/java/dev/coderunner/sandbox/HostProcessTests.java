package dev.coderunner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class HostProcessTests {

    @Test
    void aKilledProcessIsNotRunningTheMomentTheKillReturns() throws IOException {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        HostProcess process = HostProcess.of(sleeper.pid()).orElseThrow();
        assertThat(process.running()).isTrue();
        assertThat(HostProcess.isRunning(sleeper.pid())).isTrue();

        sleeper.destroyForcibly();

        // No waiting: pending SIGKILL, exiting, zombie or gone all count as not running.
        assertThat(process.running()).isFalse();
        assertThat(HostProcess.isRunning(sleeper.pid())).isFalse();
    }

    @Test
    void aReusedPidIsNotTheSameProcess() throws IOException {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            HostProcess process = HostProcess.of(sleeper.pid()).orElseThrow();
            assertThat(new HostProcess(process.pid(), process.startTime() - 1).running()).isFalse();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aPidThatDoesNotExistIsNotRunning() {
        assertThat(HostProcess.of(Long.MAX_VALUE)).isEmpty();
        assertThat(HostProcess.isRunning(Long.MAX_VALUE)).isFalse();
    }
}
