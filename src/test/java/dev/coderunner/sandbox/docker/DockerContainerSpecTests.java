package dev.coderunner.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.MountType;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.coderunner.sandbox.ProcessLimits;
import dev.coderunner.sandbox.SandboxSpec;

/** The exact isolation of a command's container: every field is a security boundary. */
class DockerContainerSpecTests {

    private static final ProcessLimits LIMITS = new ProcessLimits(DataSize.ofMegabytes(256), 0.5, 64,
            Duration.ofSeconds(10), DataSize.ofMegabytes(16), 256);
    private static final DockerContainerSpec SPEC = new DockerContainerSpec(
            new SandboxSpec("code-runner/python:3.11", DataSize.ofMegabytes(64), List.of()), "10001:10001",
            new DockerLabels("it", "r1"), "{\"defaultAction\":\"SCMP_ACT_ERRNO\"}", "");

    @Test
    void aSingleCommandContainerIsSealedAndLimited() {
        var host = SPEC.hostConfig(null, LIMITS);

        assertThat(host.getNetworkMode()).isEqualTo("none");
        assertThat(host.getReadonlyRootfs()).isTrue();
        assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
        assertThat(host.getCapAdd()).as("the launcher's, to become the program's user; the program has none")
                .containsExactly(Capability.SETUID, Capability.SETGID, Capability.SETPCAP);
        assertThat(host.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(host.getSecurityOpts()).as("our seccomp policy, never the engine's default")
                .containsExactly("no-new-privileges", "seccomp={\"defaultAction\":\"SCMP_ACT_ERRNO\"}");
        assertThat(host.getInit()).isTrue();
        assertThat(host.getMemory()).isEqualTo(256L * 1024 * 1024);
        assertThat(host.getMemorySwap()).as("no swap beyond memory").isEqualTo(256L * 1024 * 1024);
        assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(host.getPidsLimit()).isEqualTo(64L);
        assertThat(host.getUlimits()).extracting(u -> u.getName() + "=" + u.getSoft() + "/" + u.getHard())
                .containsExactly("nofile=256/256", "fsize=16777216/16777216", "cpu=10/11");
        assertThat(host.getTmpFs()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "/tmp", "rw,nosuid,nodev,mode=1777,size=" + 64L * 1024 * 1024,
                "/workspace", "rw,exec,nosuid,nodev,size=" + 64L * 1024 * 1024 + ",uid=10001,gid=10001,mode=0711"));
        assertThat(host.getMounts()).isEmpty();
        assertThat(host.getBinds()).isNullOrEmpty();
        assertThat(host.getAutoRemove()).isFalse();
        assertThat(host.getRuntime()).as("the engine's default runtime").isNull();
        assertThat(new DockerContainerSpec(SPEC.spec(), "10001:10001", new DockerLabels("it", "r1"), "{}", "runsc")
                .hostConfig(null, LIMITS).getRuntime()).isEqualTo("runsc");
    }

    @Test
    void underGvisorTheProgramsTasksAreCappedInsideItsKernelAndItsOwnThreadsHaveRoom() {
        var host = new DockerContainerSpec(SPEC.spec(), "10001:10001", new DockerLabels("it", "r1"), "{}", "runsc")
                .hostConfig(null, LIMITS);

        assertThat(host.getUlimits()).extracting(u -> u.getName() + "=" + u.getSoft() + "/" + u.getHard())
                .contains("nproc=64/64");
        assertThat(host.getPidsLimit()).isEqualTo(64L + 128);
    }

    @Test
    void aSharedWorkspaceIsATmpfsVolumeWithoutCopyUp() {
        var host = SPEC.hostConfig("vol-1", LIMITS);

        assertThat(host.getTmpFs()).containsOnlyKeys("/tmp");
        assertThat(host.getMounts()).singleElement().satisfies(mount -> {
            assertThat(mount.getType()).isEqualTo(MountType.VOLUME);
            assertThat(mount.getSource()).isEqualTo("vol-1");
            assertThat(mount.getTarget()).isEqualTo("/workspace");
            assertThat(mount.getVolumeOptions().getNoCopy()).isTrue();
        });
        assertThat(SPEC.volumeOptions()).containsExactlyInAnyOrderEntriesOf(Map.of("type", "tmpfs", "device", "tmpfs",
                "o", "size=" + 64L * 1024 * 1024 + ",uid=10001,gid=10001,mode=0711,nosuid,nodev"));
    }

    @Test
    void everythingCarriesTheInstanceAndRunLabels() {
        assertThat(new DockerLabels("it", "r1").asMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "dev.coderunner.managed", "true", "dev.coderunner.instance", "it", "dev.coderunner.run", "r1"));
    }
}
