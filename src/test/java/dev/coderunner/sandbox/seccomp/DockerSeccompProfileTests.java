package dev.coderunner.sandbox.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The policy in Docker's profile format: the same calls allowed, the rest refused by default. */
class DockerSeccompProfileTests {

    @Test
    @SuppressWarnings("unchecked")
    void theProfileDeniesByDefaultAndListsExactlyThePolicy() {
        Map<String, Object> profile = DockerSeccompProfile.of(SeccompPolicy.Arch.X86_64);

        assertThat(profile).containsEntry("defaultAction", "SCMP_ACT_ERRNO").containsEntry("defaultErrnoRet", 1)
                .containsEntry("architectures", List.of("SCMP_ARCH_X86_64"));
        var syscalls = (List<Map<String, Object>>) profile.get("syscalls");
        assertThat((List<String>) syscalls.getFirst().get("names")).containsAll(SeccompPolicy.ALLOWED)
                .contains("arch_prctl").doesNotContain("ptrace", "io_uring_setup", "clone", "socket");
        assertThat(syscalls).anySatisfy(rule -> {
            assertThat(rule.get("names")).isEqualTo(List.of("clone"));
            assertThat(rule.get("args")).isEqualTo(List.of(Map.of("index", 0, "value", 0x7E020000L, "valueTwo", 0L,
                    "op", "SCMP_CMP_MASKED_EQ")));
        });
        assertThat(syscalls.getLast()).isEqualTo(Map.of("names", List.of("clone3"), "action", "SCMP_ACT_ERRNO",
                "errnoRet", 38));
        assertThat((List<String>) DockerSeccompProfile.of(SeccompPolicy.Arch.AARCH64).get("architectures"))
                .containsExactly("SCMP_ARCH_AARCH64");
    }
}
