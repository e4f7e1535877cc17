package dev.coderunner.sandbox.bwrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.coderunner.sandbox.BoundedOutput;
import dev.coderunner.sandbox.CapturedOutput;
import dev.coderunner.sandbox.CommandOutcome;
import dev.coderunner.sandbox.CommandPlan;
import dev.coderunner.sandbox.HostProcess;
import dev.coderunner.sandbox.PendingFiles;
import dev.coderunner.sandbox.CommandOutcome.Termination;
import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxCommand;
import dev.coderunner.sandbox.SandboxFile;

/**
 * A sandbox of bubblewrap processes over one host tmpfs working directory. Each command gets a
 * fresh cgroup, which is what limits it, measures it, and lets the service kill everything it
 * started, daemons included, when it ends or at the deadline.
 *
 * <p>A warm sandbox starts its commands ahead: cgroup, namespaces and (with a loader) the
 * interpreter are ready, and the process waits for a go byte (a newline) on stdin. A run writes
 * the files into the workspace, then sends that byte followed by the program's stdin.
 */
final class BwrapSandbox implements Sandbox {

    /**
     * The byte (ASCII ACK) a command started ahead writes once it waits for its go line: the
     * language's warm loader, or else the launcher once it has joined the cgroup.
     */
    static final int READY = 6;
    private static final Duration READY_WAIT = Duration.ofSeconds(30);
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(5);
    private static final int STAGING_FAILED = 125;
    private static final byte[] GO = {'\n'};

    private final Workspace workspace;
    private final BwrapCommandLine commandLine;
    private final CgroupDriver cgroups;
    private final PendingFiles pendingFiles = new PendingFiles();
    private final Deque<Started> waiting = new ConcurrentLinkedDeque<>();
    private final Deque<Cgroup> finished = new ConcurrentLinkedDeque<>();

    BwrapSandbox(Workspace workspace, BwrapCommandLine commandLine, CgroupDriver cgroups) {
        this.workspace = workspace;
        this.commandLine = commandLine;
        this.cgroups = cgroups;
    }

    /**
     * Starts every planned command now and waits until it says it is ready. A language's warm
     * loader starts its interpreter and waits itself; any other command is held back by bubblewrap,
     * sandbox set up.
     */
    void startAhead(List<CommandPlan> plans) {
        for (CommandPlan plan : plans) {
            boolean loader = !plan.warmArgv().isEmpty();
            Started started = loader ? start(plan, plan.warmArgv(), false) : start(plan, plan.argv(), true);
            waiting.add(started);
            if (!awaitReady(started)) {
                throw new IllegalStateException("the warm command " + plan.argv() + " did not start: "
                        + (started.process().isAlive() ? "no sign of life within " + READY_WAIT.toSeconds() + "s"
                        : "it exited with status " + started.process().exitValue()));
            }
        }
    }

    /** Reads the ready byte, the first thing a waiting command writes; false if it never came. */
    private static boolean awaitReady(Started started) {
        var ready = new CompletableFuture<Boolean>();
        Thread.startVirtualThread(() -> {
            try {
                ready.complete(started.process().getInputStream().read() == READY);
            } catch (IOException e) {
                ready.complete(false);
            }
        });
        try {
            return ready.get(READY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Asks the kernel, not the JVM: a process killed a moment ago still looks alive to
     * {@link Process#isAlive()} until the reaper thread has waited for it.
     */
    @Override
    public boolean usable() {
        return Files.isDirectory(workspace.dir()) && waiting.stream().allMatch(Started::running);
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
        Started next = waiting.poll();
        boolean warm = next != null && next.plan().equals(command.plan()) && next.running();
        if (next != null && !warm) {
            next.discard();
        }
        Started started = warm ? next : start(command.plan(), command.argv(), false);
        finished.add(started.cgroup());
        return finish(started, command, warm);
    }

    private Started start(CommandPlan plan, List<String> argv, boolean blockOnStdin) {
        Cgroup cgroup = cgroups.create(UUID.randomUUID().toString(), plan.limits());
        var builder = new ProcessBuilder(commandLine.build(cgroup.procsFiles(), plan.limits(), argv, blockOnStdin));
        // Nothing of the service's environment reaches the launcher, let alone the program.
        // bwrap's own helper stays visible as pid 1 inside, so it must not carry the service's
        // working directory either.
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        builder.directory(new java.io.File("/"));
        long spawned = System.nanoTime();
        try {
            return new Started(plan, cgroup, builder.start(), spawned);
        } catch (IOException e) {
            cgroup.remove();
            throw new UncheckedIOException("cannot start bubblewrap", e);
        }
    }

    private CommandOutcome finish(Started started, SandboxCommand command, boolean warm) {
        Process process = started.process();
        Cgroup cgroup = started.cgroup();
        var output = new BoundedOutput(command.outputCap().toBytes());
        var overflowed = new AtomicBoolean();

        long began = warm ? System.nanoTime() : started.spawned();
        byte[] input = warm ? concat(GO, command.stdin()) : command.stdin();
        // Fed from its own thread: a program that never reads must not block the service.
        Thread.startVirtualThread(() -> feed(process.getOutputStream(), input));
        Thread stdout = drain(process.getInputStream(), false, output, overflowed, cgroup);
        Thread stderr = drain(process.getErrorStream(), true, output, overflowed, cgroup);

        boolean timedOut = !waitFor(process, command.timeout());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
        if (timedOut) {
            cgroup.killAll();
        }
        // When the program exits, the sandbox's pid 1 exits and the kernel kills whatever it left
        // behind in its pid namespace; close() still empties and removes the cgroup.
        waitFor(process, OUTPUT_DRAIN);
        join(stdout);
        join(stderr);

        var usage = cgroup.usage();
        int exitCode = process.isAlive() ? 137 : process.exitValue();
        Termination termination = timedOut ? Termination.TIMED_OUT
                : overflowed.get() ? Termination.OUTPUT_LIMIT
                : cgroup.oomKilled() ? Termination.OUT_OF_MEMORY
                : Termination.EXITED;
        return new CommandOutcome(timedOut ? 137 : exitCode, termination, output.snapshot(), elapsed, usage, warm);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
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
                    if (!output.append(isStderr, Arrays.copyOf(buffer, n))
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
        for (Started started; (started = waiting.poll()) != null; ) {
            started.discard();
        }
        for (Cgroup cgroup; (cgroup = finished.poll()) != null; ) {
            cgroup.remove();
        }
        workspace.close();
    }

    /** A command's process and cgroup, started and possibly still waiting for its go line. */
    private record Started(CommandPlan plan, Cgroup cgroup, Process process, long spawned) {

        /** Whether every process of the command is alive and waiting, none killed or dying. */
        boolean running() {
            List<Long> pids = cgroup.pids();
            return process.isAlive() && !pids.isEmpty() && pids.stream().allMatch(HostProcess::isRunning);
        }

        /** Ends a command that will never get its input. */
        void discard() {
            cgroup.killAll();
            process.destroyForcibly();
            waitFor(process, OUTPUT_DRAIN);
            closeQuietly(process.getOutputStream());
            closeQuietly(process.getInputStream());
            closeQuietly(process.getErrorStream());
            cgroup.remove();
        }

        private static void closeQuietly(java.io.Closeable stream) {
            try {
                stream.close();
            } catch (IOException alreadyClosed) {
                // Nothing to release.
            }
        }
    }
}
