package dev.coderunner.sandbox.bwrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.coderunner.sandbox.BoundedOutput;
import dev.coderunner.sandbox.CapturedOutput;
import dev.coderunner.sandbox.CommandOutcome;
import dev.coderunner.sandbox.PendingFiles;
import dev.coderunner.sandbox.CommandOutcome.Termination;
import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxCommand;
import dev.coderunner.sandbox.SandboxFile;

/**
 * A sandbox of bubblewrap processes over one host tmpfs working directory. Each command gets a
 * fresh cgroup, which is what limits it, measures it, and lets the service kill everything it
 * started, daemons included, when it ends or at the deadline.
 */
final class BwrapSandbox implements Sandbox {

    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(5);
    private static final int STAGING_FAILED = 125;

    private final Workspace workspace;
    private final BwrapCommandLine commandLine;
    private final CgroupDriver cgroups;
    private final PendingFiles pendingFiles = new PendingFiles();

    BwrapSandbox(Workspace workspace, BwrapCommandLine commandLine, CgroupDriver cgroups) {
        this.workspace = workspace;
        this.commandLine = commandLine;
        this.cgroups = cgroups;
    }

    @Override
    public void addFiles(List<SandboxFile> files) {
        pendingFiles.add(files);
    }

    @Override
    public CommandOutcome run(SandboxCommand command) {
        try {
            workspace.write(pendingFiles.take());
        } catch (Workspace.WorkspaceFullException e) {
            byte[] message = ("sandbox: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
            return new CommandOutcome(STAGING_FAILED, Termination.SANDBOX_ERROR,
                    new CapturedOutput(new byte[0], message, message, false), Duration.ZERO, null);
        }
        Cgroup cgroup = cgroups.create(UUID.randomUUID().toString(), command.limits());
        try {
            return runIn(cgroup, command);
        } finally {
            cgroup.remove();
        }
    }

    private CommandOutcome runIn(Cgroup cgroup, SandboxCommand command) {
        var builder = new ProcessBuilder(commandLine.build(cgroup.procsFiles(), command.limits(), command.argv()));
        // Nothing of the service's environment reaches the launcher, let alone the program.
        // bwrap's own helper stays visible as pid 1 inside, so it must not carry the service's
        // working directory either.
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        builder.directory(new java.io.File("/"));
        var output = new BoundedOutput(command.outputCap().toBytes());
        var overflowed = new AtomicBoolean();

        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start bubblewrap", e);
        }
        // Fed from its own thread: a program that never reads must not block the service.
        Thread.startVirtualThread(() -> feed(process.getOutputStream(), command.stdin()));
        Thread stdout = drain(process.getInputStream(), false, output, overflowed, cgroup);
        Thread stderr = drain(process.getErrorStream(), true, output, overflowed, cgroup);

        boolean timedOut = !waitFor(process, command.timeout());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        // The run is over when the program exits: whatever it left behind dies with it.
        cgroup.killAll();
        waitFor(process, OUTPUT_DRAIN);
        join(stdout);
        join(stderr);

        var usage = cgroup.usage();
        int exitCode = process.isAlive() ? 137 : process.exitValue();
        Termination termination = timedOut ? Termination.TIMED_OUT
                : overflowed.get() ? Termination.OUTPUT_LIMIT
                : cgroup.oomKilled() ? Termination.OUT_OF_MEMORY
                : Termination.EXITED;
        return new CommandOutcome(timedOut ? 137 : exitCode, termination, output.snapshot(), elapsed, usage);
    }

    private static void feed(OutputStream stdin, byte[] bytes) {
        try (stdin) {
            stdin.write(bytes);
        } catch (IOException programClosedIt) {
            // The program exited or closed stdin without reading everything: fine.
        }
    }

    private static Thread drain(InputStream stream, boolean isStderr, BoundedOutput output, AtomicBoolean overflowed,
                                Cgroup cgroup) {
        return Thread.startVirtualThread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (stream) {
                for (int n; (n = stream.read(buffer)) >= 0; ) {
                    if (!output.append(isStderr, java.util.Arrays.copyOf(buffer, n))
                            && overflowed.compareAndSet(false, true)) {
                        cgroup.killAll();
                    }
                }
            } catch (IOException closed) {
                // The process is gone.
            }
        });
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(OUTPUT_DRAIN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        workspace.close();
    }
}
