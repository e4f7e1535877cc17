package dev.coderunner.sandbox.docker;

import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ulimit;

import dev.coderunner.sandbox.SandboxSpec;

/**
 * The hardened container every command runs in. Each setting here is a security boundary: change
 * one only together with the isolation tests that prove it.
 */
record DockerContainerSpec(SandboxSpec spec, String user, DockerLabels labels) {

    static final String WORKSPACE = "/workspace";
    private static final String SCRATCH = "/tmp";

    String create(DockerClient docker, String volume, List<String> command) {
        long memory = spec.memory().toBytes();
        var host = HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withReadonlyRootfs(true)
                .withMounts(List.of(new Mount().withType(MountType.VOLUME).withSource(volume).withTarget(WORKSPACE)))
                .withTmpFs(Map.of(SCRATCH, "rw,nosuid,nodev,size=16m,mode=1777"))
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withInit(true)
                .withMemory(memory)
                .withMemorySwap(memory)
                .withNanoCPUs((long) (spec.cpus() * 1_000_000_000L))
                .withPidsLimit((long) spec.pids())
                .withUlimits(List.of(
                        new Ulimit("nofile", spec.openFiles(), spec.openFiles()),
                        new Ulimit("fsize", spec.fileSize().toBytes(), spec.fileSize().toBytes())))
                .withAutoRemove(false);
        return docker.createContainerCmd(spec.image())
                .withCmd(command)
                .withEntrypoint(List.of())
                .withUser(user)
                .withWorkingDir(WORKSPACE)
                // Only what the image declares: nothing of the service's environment is passed on.
                .withEnv(List.of())
                .withNetworkDisabled(true)
                .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true)
                .withStdinOpen(true).withStdInOnce(true).withTty(false)
                .withLabels(labels.asMap())
                .withHostConfig(host)
                .exec()
                .getId();
    }

    /** Local-driver volume backed by a size-capped tmpfs, owned by the program's user. */
    Map<String, String> volumeOptions() {
        String[] ids = user.split(":");
        return Map.of("type", "tmpfs", "device", "tmpfs",
                "o", "size=" + spec.workspace().toBytes() + ",uid=" + ids[0] + ",gid=" + ids[1] + ",mode=0700,nosuid,nodev");
    }
}
