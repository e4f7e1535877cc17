package dev.coderunner.sandbox.bwrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import dev.coderunner.sandbox.CommandOutcome.Termination;
import dev.coderunner.sandbox.CommandPlan;
import dev.coderunner.sandbox.ExitStatus;
import dev.coderunner.sandbox.HostProcess;
import dev.coderunner.sandbox.LiveInput;
import dev.coderunner.sandbox.ProcessStarter;
import dev.coderunner.sandbox.RunContext;
import dev.coderunner.sandbox.SandboxCommand;
import dev.coderunner.sandbox.SandboxUnavailableException;
import dev.coderunner.sandbox.StartAheadSandbox;

/**
 * A sandbox of bubblewrap processes over one host tmpfs working directory. Each command gets a
 * fresh cgroup, which is what limits it, measures it, and lets the service kill everything it
 * started, daemons included, when it ends or at the deadline.
 *
 * <p>Every command is started gated: cgroup, namespaces and (for a warm start with a loader) the
 * interpreter get ready while the command waits for a go byte (a newline) on stdin. A run writes
 * the files into the workspace, then sends that byte followed by the program's stdin.
 */
final class BwrapSandbox extends StartAheadSandbox<BwrapSandbox.Command> {

    /**
     * The byte (ASCII ACK) a command writes once it waits for its go line: the language's warm
     * loader, or else the launcher once it has joined the cgroup.
     */
    static final int READY = 6;
    private static final Duration READY_WAIT = Duration.ofSeconds(30);
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(5);
    private static final byte[] GO = {'\n'};

    private final Workspace workspace;
    private final BwrapCommandLine commandLine;
    private final CgroupDriver cgroups;
    private final String run;
    private final Deque<Cgroup> used = new ConcurrentLinkedDeque<>();

    BwrapSandbox(Workspace workspace, BwrapCommandLine commandLine, CgroupDriver cgroups, String run, boolean warm) {
        super(warm);
        this.workspace = workspace;
        this.commandLine = commandLine;
        this.cgroups = cgroups;
        this.run = run;
    }

    /**
     * Started ahead, a language's warm loader starts its interpreter and waits itself; any other
     * command is held back by bubblewrap, sandbox set up.
     */
    @Override
    protected Command start(CommandPlan plan, boolean ahead) {
        try {
            return startOnce(plan, ahead);
        } catch (SandboxUnavailableException firstAttempt) {
            // A signal sent to the service's whole process group (Ctrl-C, a supervisor's SIGTERM)
            // also hits a launcher in the milliseconds before setsid has moved it out; one more try.
            return startOnce(plan, ahead);
        }
    }

    private Command startOnce(CommandPlan plan, boolean ahead) {
        boolean loader = ahead && !plan.warmArgv().isEmpty();
        String id = RunContext.executionId().map(execution -> execution + "-" + UUID.randomUUID().toString().substring(0, 8))
                .orElseGet(() -> UUID.randomUUID().toString());
        Cgroup cgroup = cgroups.create(run, id, plan.limits());
        used.add(cgroup);
        var builder = new ProcessBuilder(commandLine.build(cgroup.procsFiles(), plan.limits(),
                loader ? plan.warmArgv() : plan.argv(), !loader, plan.environment()));
        // Nothing of the service's environment reaches the launcher, let alone the program.
        // bwrap's own helper stays visible as pid 1 inside, so it must not carry the service's
        // working directory either.
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        builder.directory(new java.io.File("/"));
        Process process;
        try {
            process = ProcessStarter.start(builder);
        } catch (IOException | UncheckedIOException e) {
            throw new SandboxUnavailableException("cannot start bubblewrap: " + e.getMessage(), e);
        }
        var command = new Command(plan, cgroup, process, System.nanoTime());
        if (!awaitReady(process)) {
            command.discard();
            throw new SandboxUnavailableException("the sandbox for " + plan.argv() + " did not start: "
                    + (process.isAlive() ? "no sign of life within " + READY_WAIT.toSeconds() + "s"
                    : "it exited with status " + process.exitValue()));
        }
        return command;
    }

    /** Reads the ready byte, the first thing a waiting command writes; false if it never came. */
    private static boolean awaitReady(Process process) {
        var ready = new CompletableFuture<Boolean>();
        Thread.startVirtualThread(() -> {
            try {
                ready.complete(process.getInputStream().read() == READY);
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

    @Override
    protected CommandOutcome finish(Command command, SandboxCommand request, boolean startedAhead) {
        try {
            workspace.write(request.files());
        } catch (Workspace.WorkspaceFullException e) {
            byte[] message = ("sandbox: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
            return new CommandOutcome(ExitStatus.STAGING_FAILED, Termination.SANDBOX_ERROR,
                    new CapturedOutput(new byte[0], message, message, false), Duration.ZERO, null, false,
                    "the files could not be placed in the sandbox");
        }
        Process process = command.process();
        Cgroup cgroup = command.cgroup();
        var output = new BoundedOutput(request.outputCap().toBytes());
        var overflowed = new AtomicBoolean();

        // A command started ahead is timed from the go; one started for this run, from its start.
        long began = startedAhead ? System.nanoTime() : command.spawned();
        // Fed from its own thread: a program that never reads must not block the service.
        LiveInput live = request.liveInput();
        Thread.startVirtualThread(() -> {
            if (live == null) {
                feed(process.getOutputStream(), concat(GO, request.stdin()));
            } else {
                feedLive(process.getOutputStream(), live);
            }
        });
        Thread stdout = drain(process.getInputStream(), false, output, overflowed, cgroup, request);
        Thread stderr = drain(process.getErrorStream(), true, output, overflowed, cgroup, request);

        boolean timedOut;
        try (var signals = live == null ? null : live.deliverSignalsTo(signal -> ProgramProcesses.signal(cgroup, signal))) {
            timedOut = !awaitDeadline(process, request.timeout());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
        if (timedOut) {
            cgroup.killAll();
        }
        // When the program exits, the sandbox's pid 1 exits and the kernel kills whatever it left
        // behind in its pid namespace; release() still empties and removes the cgroup.
        waitFor(process, OUTPUT_DRAIN);
        join(stdout);
        join(stderr);

        int exitCode = timedOut || process.isAlive() ? ExitStatus.KILLED : process.exitValue();
        Termination termination = Termination.of(false, timedOut, overflowed.get(), cgroup.oomKilled(), false);
        var outcome = new CommandOutcome(exitCode, termination, output.snapshot(), elapsed, cgroup.usage());
        // The pid namespace died with the program: nothing changes the files while they are read.
        return request.collect() ? outcome.withFiles(workspace.collect()) : outcome;
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

    /** Stdin as the client sends it, each chunk at once, until its end or the program's. */
    private static void feedLive(OutputStream stdin, LiveInput live) {
        try (stdin) {
            stdin.write(GO);
            stdin.flush();
            for (byte[] chunk; (chunk = live.take()) != null; ) {
                stdin.write(chunk);
                stdin.flush();
            }
        } catch (IOException programClosedIt) {
            // The program exited or closed stdin.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread drain(InputStream stream, boolean isStderr, BoundedOutput output, AtomicBoolean overflowed,
                                Cgroup cgroup, SandboxCommand command) {
        return Thread.startVirtualThread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (stream) {
                for (int n; (n = stream.read(buffer)) >= 0; ) {
                    int kept = output.keep(isStderr, Arrays.copyOf(buffer, n));
                    if (kept < n && overflowed.compareAndSet(false, true)) {
                        cgroup.killAll();
                    }
                    command.forward(isStderr, Arrays.copyOf(buffer, kept));
                }
            } catch (IOException closed) {
                // The process is gone.
            }
        });
    }

    /**
     * Waits for the program until its deadline. An interrupt (the run's client went away) is the
     * deadline come early; it is consumed here, so the clean-up that follows is not cut short too.
     */
    private static boolean awaitDeadline(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            return false;
        }
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
    protected void release() {
        for (Cgroup cgroup; (cgroup = used.poll()) != null; ) {
            cgroup.remove();
        }
        workspace.close();
    }

    /** A command's process and cgroup, started and waiting for its go line until it runs. */
    record Command(CommandPlan plan, Cgroup cgroup, Process process, long spawned) implements Started {

        /**
         * Asks the kernel, not the JVM: a process killed a moment ago still looks alive to
         * {@link Process#isAlive()} until the reaper thread has waited for it.
         */
        @Override
        public boolean alive() {
            List<Long> pids = cgroup.pids();
            return process.isAlive() && !pids.isEmpty() && pids.stream().allMatch(HostProcess::isRunning);
        }

        @Override
        public void discard() {
            cgroup.killAll();
            process.destroyForcibly();
            waitFor(process, OUTPUT_DRAIN);
            closeQuietly(process.getOutputStream());
            closeQuietly(process.getInputStream());
            closeQuietly(process.getErrorStream());
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
