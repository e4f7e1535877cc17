package dev.coderunner.sandbox.bwrap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.coderunner.sandbox.ConditionalOnEngine;
import dev.coderunner.sandbox.InstanceRun;
import dev.coderunner.sandbox.SandboxEngine;
import dev.coderunner.sandbox.SandboxProperties;
import dev.coderunner.sandbox.SandboxSpec;
import dev.coderunner.sandbox.SandboxUnavailableException;
import dev.coderunner.sandbox.StartAheadSandbox;
import dev.coderunner.sandbox.seccomp.SeccompProgram;

/**
 * Sandboxes as bubblewrap processes in per-command cgroups, over exported image filesystems.
 * Everything this instance run creates lives under its own run id: {@code <work-dir>/<run>/} for
 * workspaces and the seccomp program, {@code <cgroup-name>/<run>/} for cgroups, with the run's
 * lock at {@code <work-dir>/<run>.lock} taken before anything else.
 */
@Component
@ConditionalOnEngine("bwrap")
class BwrapSandboxFactory implements SandboxEngine, DisposableBean {

    static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static final Logger log = LoggerFactory.getLogger(BwrapSandboxFactory.class);

    private final BwrapProperties properties;
    private final SandboxProperties sandbox;
    private final RootFilesystems rootfs;
    private final String run;
    private final InstanceLock lock;
    private final Path runDir;
    private final Path seccompProgram;
    private final CgroupDriver cgroups;
    private final String unavailable;

    BwrapSandboxFactory(BwrapProperties properties, SandboxProperties sandbox, InstanceRun run) {
        this.properties = properties;
        this.sandbox = sandbox;
        this.rootfs = new RootFilesystems(properties.rootfsDir());
        this.run = run.id();
        this.lock = InstanceLock.acquire(properties.workDir(), this.run);
        this.runDir = properties.workDir().resolve(this.run);
        this.seccompProgram = runDir.resolve("seccomp.bpf");
        CgroupDriver detected = null;
        String problem = null;
        try {
            SeccompProgram.write(seccompProgram);
            detected = CgroupDriver.detect(CGROUP_ROOT, properties.cgroupName());
        } catch (CgroupDriver.CgroupUnavailableException | SeccompProgram.UnavailableException e) {
            problem = e.getMessage();
        }
        this.cgroups = detected;
        this.unavailable = problem;
        if (detected != null) {
            log.info("bwrap engine: cgroup {} under {}, instance run {}", detected.version(), detected.base(), this.run);
        } else {
            log.warn("bwrap engine cannot run: {}", problem);
        }
    }

    @Override
    public String engine() {
        return "bwrap";
    }

    CgroupDriver cgroups() {
        return cgroups;
    }

    @Override
    public StartAheadSandbox<?> create(SandboxSpec spec, boolean warm) {
        if (cgroups == null) {
            throw new SandboxUnavailableException("the bwrap engine cannot run: " + unavailable);
        }
        Workspace workspace;
        try {
            workspace = Workspace.mount(runDir.resolve("ws-" + UUID.randomUUID()), spec.workspace().toBytes(),
                    sandbox.uid(), sandbox.gid());
        } catch (RuntimeException e) {
            throw new SandboxUnavailableException("cannot set up a workspace: " + e.getMessage(), e);
        }
        var environment = new ArrayList<>(rootfs.environment(spec.image()));
        environment.removeIf(variable -> variable.startsWith("HOME="));
        environment.add("HOME=" + BwrapCommandLine.WORKSPACE);
        var commandLine = new BwrapCommandLine(rootfs.root(spec.image()), workspace.dir(), environment,
                sandbox.uid(), sandbox.gid(), spec.workspace().toBytes(), seccompProgram);
        return new BwrapSandbox(workspace, commandLine, cgroups, run, warm);
    }

    @Override
    public Readiness readiness(String image) {
        if (cgroups == null) {
            return Readiness.notReady("the bwrap engine cannot run: " + unavailable);
        }
        if (!rootfs.present(image)) {
            return Readiness.notReady("root filesystem for " + image + " is missing under " + properties.rootfsDir()
                    + " (export it with scripts/export-rootfs.sh)");
        }
        return Readiness.ok();
    }

    /** Runs after the pools have destroyed their sandboxes: what is left of this run goes, then its lock. */
    @Override
    public void destroy() {
        if (cgroups != null) {
            cgroups.removeRun(run);
        }
        BwrapLeftovers.removeWorkspaces(runDir);
        lock.delete();
    }
}
