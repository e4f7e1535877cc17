package dev.coderunner.sandbox.docker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.VolumeOptions;

import dev.coderunner.sandbox.ProcessLimits;
import dev.coderunner.sandbox.SandboxSpec;

/**
 * The hardened container every command runs in. Each setting here is a security boundary: change
 * one only together with the isolation tests that prove it.
 */
record DockerContainerSpec(SandboxSpec spec, String user, DockerLabels labels, String seccompProfile, String runtime) {

    static final String WORKSPACE = "/workspace";
    private static final String SCRATCH = "/tmp";
    /**
     * The launcher is root, so the program (another uid, no capabilities) can neither read its
     * memory (the end marker's nonce) nor signal it; it holds only what changing to the program's
     * user and emptying its bounding set take. No user namespace: this root is the host's, and it
     * runs nothing but the launcher script.
     */
    private static final String LAUNCHER_USER = "0:0";
    private static final Capability[] LAUNCHER_CAPABILITIES = {Capability.SETUID, Capability.SETGID, Capability.SETPCAP};
    /** Room for runc's own start-up (a Go program with several threads), not just for cat. */
    private static final long LEASE_MEMORY = 32L * 1024 * 1024;
    private static final long LEASE_PIDS = 16;
    /**
     * Under gVisor the container's cgroup also holds the sandbox kernel (sentry) and its gofer,
     * whose own threads count against the pids limit; the program's processes live inside the
     * sentry, bounded there by the nproc limit.
     */
    private static final long GVISOR_PIDS = 128;

    /**
     * A command's container. With a volume, the workspace is that shared volume; without one (a
     * single-command sandbox) it is the container's own tmpfs, which saves two API calls per run.
     */
    String create(DockerClient docker, String volume, List<String> argv, ProcessLimits limits) {
        return create(docker, volume, argv, limits, Map.of());
    }

    /** As above, with variables of the command's own beyond the image's environment. */
    String create(DockerClient docker, String volume, List<String> argv, ProcessLimits limits,
                  Map<String, String> environment) {
        return docker.createContainerCmd(spec.image())
                .withCmd(LauncherPayload.command(user, argv))
                .withEntrypoint(List.of())
                .withUser(LAUNCHER_USER)
                .withWorkingDir(WORKSPACE)
                // Only what the image declares: nothing of the service's environment is passed on.
                .withEnv(environment.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList())
                .withNetworkDisabled(true)
                .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true)
                .withStdinOpen(true).withStdInOnce(true).withTty(false)
                .withLabels(labels.forContainer())
                .withHostConfig(hostConfig(volume, limits))
                .exec()
                .getId();
    }

    /** The isolation and limits of one command's container; {@code volume} null for a single-command sandbox. */
    HostConfig hostConfig(String volume, ProcessLimits limits) {
        long memory = limits.memory().toBytes();
        long fileSize = limits.fileSize().toBytes();
        var tmpfs = new HashMap<String, String>();
        tmpfs.put(SCRATCH, "rw,nosuid,nodev,mode=1777,size=" + spec.workspace().toBytes());
        if (volume == null) {
            // exec: a compiled artefact handed over from another sandbox runs from here (Docker mounts a tmpfs noexec by default).
            tmpfs.put(WORKSPACE, "rw,exec,nosuid,nodev," + workspaceOptions());
        }
        return HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withReadonlyRootfs(true)
                .withMounts(volume == null ? List.of() : List.of(workspace(volume)))
                .withTmpFs(tmpfs)
                .withCapDrop(Capability.ALL)
                .withCapAdd(LAUNCHER_CAPABILITIES)
                .withSecurityOpts(securityOptions(seccompProfile))
                .withInit(true)
                .withMemory(memory)
                .withMemorySwap(memory)
                .withNanoCPUs((long) (limits.cpus() * 1_000_000_000L))
                .withPidsLimit(limits.pids() + runtimePids(runtime))
                .withUlimits(ulimits(limits, fileSize))
                .withRuntime(runtime.isEmpty() ? null : runtime)
                .withAutoRemove(false);
    }

    /**
     * The container whose life is this instance run's lease: it reads its attached stdin until
     * EOF, which comes when the service's connection to Docker closes, as it does when the
     * process dies, however it dies. Runs nothing of the user's.
     */
    static String createLease(DockerClient docker, String image, String user, DockerLabels labels, String seccompProfile,
                              String runtime) {
        var host = HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withReadonlyRootfs(true)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(securityOptions(seccompProfile))
                .withMemory(LEASE_MEMORY)
                .withMemorySwap(LEASE_MEMORY)
                .withPidsLimit(LEASE_PIDS + runtimePids(runtime))
                .withInit(true)
                .withRuntime(runtime.isEmpty() ? null : runtime);
        return docker.createContainerCmd(image)
                .withCmd("cat")
                .withEntrypoint(List.of())
                .withUser(user)
                .withEnv(List.of())
                .withNetworkDisabled(true)
                .withAttachStdin(true).withStdinOpen(true).withStdInOnce(true).withTty(false)
                .withLabels(labels.lease())
                .withHostConfig(host)
                .exec()
                .getId();
    }

    private List<Ulimit> ulimits(ProcessLimits limits, long fileSize) {
        var ulimits = new ArrayList<>(List.of(
                new Ulimit("nofile", limits.openFiles(), limits.openFiles()),
                new Ulimit("fsize", fileSize, fileSize),
                // SIGXCPU at the limit, SIGKILL a second later if the program catches it.
                new Ulimit("cpu", limits.cpuSeconds(), limits.cpuSeconds() + 1)));
        if (isGvisor(runtime)) {
            // gVisor counts the program's processes and threads itself, per user inside its own
            // kernel, and refuses the next with EAGAIN as the pids limit does elsewhere. Without
            // it a bomb exhausts the host threads the sandbox kernel needs, and the kernel dies.
            ulimits.add(new Ulimit("nproc", limits.pids(), limits.pids()));
        }
        return ulimits;
    }

    private static boolean isGvisor(String runtime) {
        return "runsc".equals(runtime);
    }

    private static long runtimePids(String runtime) {
        return isGvisor(runtime) ? GVISOR_PIDS : 0;
    }

    /** Our own seccomp policy, never the engine's default (which differs between Docker versions). */
    private static List<String> securityOptions(String seccompProfile) {
        return List.of("no-new-privileges", "seccomp=" + seccompProfile);
    }

    /**
     * No copy-up: Docker would otherwise copy the image's /workspace (owned by root) into the
     * volume when a second container is created while the volume is mounted, making it unwritable.
     */
    private static Mount workspace(String volume) {
        return new Mount().withType(MountType.VOLUME).withSource(volume).withTarget(WORKSPACE)
                .withVolumeOptions(new VolumeOptions().withNoCopy(true));
    }

    /**
     * Local-driver volume backed by a size-capped tmpfs, owned by the program's user; others may
     * only pass through it, as the root launcher (without DAC capabilities) must to start there.
     */
    Map<String, String> volumeOptions() {
        return Map.of("type", "tmpfs", "device", "tmpfs", "o", workspaceOptions() + ",nosuid,nodev");
    }

    private String workspaceOptions() {
        String[] ids = user.split(":");
        return "size=" + spec.workspace().toBytes() + ",uid=" + ids[0] + ",gid=" + ids[1] + ",mode=0711";
    }
}
