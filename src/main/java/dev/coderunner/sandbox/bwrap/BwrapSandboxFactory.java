package dev.coderunner.sandbox.bwrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxFactory;
import dev.coderunner.sandbox.SandboxProperties;
import dev.coderunner.sandbox.SandboxSpec;

/** Sandboxes as bubblewrap processes in per-command cgroups, over exported image filesystems. */
@Component
@ConditionalOnProperty(name = "code-runner.sandbox.backend", havingValue = "bwrap")
class BwrapSandboxFactory implements SandboxFactory {

    static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static final Logger log = LoggerFactory.getLogger(BwrapSandboxFactory.class);

    private final BwrapProperties properties;
    private final SandboxProperties sandbox;
    private final RootFilesystems rootfs;
    private final Path seccompProgram;
    private final CgroupDriver cgroups;
    private final String unavailable;

    BwrapSandboxFactory(BwrapProperties properties, SandboxProperties sandbox) {
        this.properties = properties;
        this.sandbox = sandbox;
        this.rootfs = new RootFilesystems(properties.rootfsDir());
        this.seccompProgram = writeSeccompProgram(properties.workDir());
        CgroupDriver detected = null;
        String problem = null;
        try {
            detected = CgroupDriver.detect(CGROUP_ROOT, properties.cgroupName());
        } catch (CgroupDriver.CgroupUnavailableException e) {
            problem = e.getMessage();
        }
        this.cgroups = detected;
        this.unavailable = problem;
        if (detected != null) {
            log.info("bwrap engine: cgroup {} under {}", detected.version(), CGROUP_ROOT);
        } else {
            log.warn("bwrap engine cannot run: {}", problem);
        }
    }

    private static Path writeSeccompProgram(Path workDir) {
        try {
            Files.createDirectories(workDir);
            Path program = workDir.resolve("seccomp.bpf");
            Files.write(program, SeccompFilter.program());
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rw-r--r--"));
            return program;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the seccomp program under " + workDir, e);
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
    public Sandbox open(SandboxSpec spec) {
        return create(spec);
    }

    @Override
    public Sandbox openWarm(SandboxSpec spec) {
        BwrapSandbox sandbox = create(spec);
        try {
            sandbox.startAhead(spec.commands());
            return sandbox;
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    private BwrapSandbox create(SandboxSpec spec) {
        if (cgroups == null) {
            throw new IllegalStateException("the bwrap engine cannot run: " + unavailable);
        }
        Path dir = properties.workDir().resolve("ws-" + UUID.randomUUID());
        var workspace = Workspace.mount(dir, spec.workspace().toBytes(), sandbox.uid(), sandbox.gid());
        var environment = new ArrayList<>(rootfs.environment(spec.image()));
        environment.removeIf(variable -> variable.startsWith("HOME="));
        environment.add("HOME=" + BwrapCommandLine.WORKSPACE);
        var commandLine = new BwrapCommandLine(rootfs.root(spec.image()), workspace.dir(), environment,
                sandbox.uid(), sandbox.gid(), spec.workspace().toBytes(), seccompProgram);
        return new BwrapSandbox(workspace, commandLine, cgroups);
    }

    @Override
    public Readiness readiness(String image) {
        if (cgroups == null) {
            return Readiness.notReady("no usable cgroups: " + unavailable);
        }
        if (!rootfs.present(image)) {
            return Readiness.notReady("root filesystem for " + image + " is missing under " + properties.rootfsDir()
                    + " (export it with scripts/export-rootfs.sh)");
        }
        return Readiness.ok();
    }
}
