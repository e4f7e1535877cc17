package dev.coderunner.sandbox.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** On an architecture the policy does not cover, no filter is made: the engine must not run unconfined. */
class UncoveredArchitectureTests {

    @Test
    @ResourceLock("os.arch")
    void noProgramIsCompiledForAnArchitectureThePolicyDoesNotCover(@TempDir Path dir) {
        String real = System.getProperty("os.arch");
        System.setProperty("os.arch", "riscv64");
        try {
            assertThatThrownBy(() -> SeccompProgram.write(dir.resolve("seccomp.bpf")))
                    .isInstanceOf(SeccompProgram.UnavailableException.class)
                    .hasMessageContaining("riscv64").hasMessageContaining("unconfined");
            assertThat(dir.resolve("seccomp.bpf")).doesNotExist();
        } finally {
            System.setProperty("os.arch", real);
        }
    }

    @Test
    void onlyTheCoveredArchitecturesAreKnown() {
        assertThat(SeccompPolicy.Arch.named("x86_64")).contains(SeccompPolicy.Arch.X86_64);
        assertThat(SeccompPolicy.Arch.named("amd64")).contains(SeccompPolicy.Arch.X86_64);
        assertThat(SeccompPolicy.Arch.named("aarch64")).contains(SeccompPolicy.Arch.AARCH64);
        assertThat(SeccompPolicy.Arch.named("s390x")).isEmpty();
        assertThat(SeccompPolicy.Arch.named("i386")).isEmpty();
    }
}
