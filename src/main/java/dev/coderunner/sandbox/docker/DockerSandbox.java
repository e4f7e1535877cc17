package dev.coderunner.sandbox.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.command.WaitContainerResultCallback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.coderunner.sandbox.BoundedOutput;
import dev.coderunner.sandbox.CommandOutcome;
import dev.coderunner.sandbox.CommandPlan;
import dev.coderunner.sandbox.HostProcess;
import dev.coderunner.sandbox.PendingFiles;
import dev.coderunner.sandbox.CommandOutcome.Termination;
import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxCommand;
import dev.coderunner.sandbox.SandboxFile;

/**
 * A sandbox made of one fresh container per command and a tmpfs working directory: the
 * container's own for a single command, else a tmpfs volume, so a compile step and the program
 * share files but never processes. Each container's main
 * process is the launcher: when the program exits the container stops, and Docker kills anything
 * it left behind in the container's pid namespace.
 *
 * <p>Every container is started before its run and waits on stdin for its payload (files, then
 * stdin); a warm sandbox does this for all its commands ahead of the request.
 */
final class DockerSandbox implements Sandbox {

    private static final Logger log = LoggerFactory.getLogger(DockerSandbox.class);
    /** How long to wait for the last output frames once the container has stopped. */
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(5);
    private static final int LAUNCHER_FAILED = 125;

    private final DockerClient docker;
    private final DockerContainerSpec containers;
    private final String volume;
    private final Queue<String> created = new ConcurrentLinkedQueue<>();
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final PendingFiles pendingFiles = new PendingFiles();
    private boolean closed;

    DockerSandbox(DockerClient docker, DockerContainerSpec containers, String volume) {
        this.docker = docker;
        this.containers = containers;
        this.volume = volume;
    }

    /**
     * Docker mounts a tmpfs volume afresh whenever no running container uses it, so files would
     * vanish between a compile container and the run container. An idle container holding the
     * mount keeps them for the sandbox's lifetime.
     */
    void holdWorkspace() {
        try {
            String holder = containers.createHolder(docker, volume);
            created.add(holder);
            docker.startContainerCmd(holder).exec();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Prepares every planned command's container now; each waits for its payload. */
    void startAhead(List<CommandPlan> plans) {
        for (CommandPlan plan : plans) {
            Waiting container = prepare(plan);
            waiting.add(container.watching(init(container.id())));
        }
    }

    @Override
    public boolean usable() {
        return waiting.stream().allMatch(Waiting::alive);
    }

    /**
     * The container's init (which dies with the launcher) as a host process, when this service
     * shares the Docker host's pid namespace: the pid Docker reports is then ours, and its cgroup
     * names the container. Otherwise, or if Docker cannot say, the attach stream is the only sign.
     */
    private Optional<HostProcess> init(String id) {
        try {
            Long pid = docker.inspectContainerCmd(id).exec().getState().getPidLong();
            if (pid == null || pid <= 0) {
                return Optional.empty();
            }
            return Files.readString(Path.of("/proc", pid.toString(), "cgroup")).contains(id)
                    ? HostProcess.of(pid) : Optional.empty();
        } catch (IOException | RuntimeException notVisible) {
            return Optional.empty();
        }
    }

    @Override
    public void addFiles(List<SandboxFile> files) {
        pendingFiles.add(files);
    }

    @Override
    public CommandOutcome run(SandboxCommand command) {
        Waiting next = waiting.poll();
        boolean warm = next != null && next.plan().equals(command.plan()) && next.alive();
        if (next != null && !warm) {
            next.discard();
        }
        Waiting container = warm ? next : prepare(command.plan());
        String id = container.id();
        long cap = command.outputCap().toBytes();
        var output = new BoundedOutput(cap + UsageTrailer.RESERVE);
        var payload = LauncherPayload.of(pendingFiles.take(), command.stdin());
        container.output().captureInto(output, payload.nonce());

        Instant supplied = Instant.now();
        container.input().supply(payload.bytes());
        var report = container.output().awaitReport(command.timeout());
        if (report == AttachedOutput.Report.REPORTED) {
            // The program is done and all its output is in: Docker's own teardown of the container
            // (tens of milliseconds) is left to close().
            Duration measured = Duration.between(supplied, Instant.now());
            closeQuietly(container.output());
            var parsed = UsageTrailer.strip(output.snapshot(), payload.nonce(), cap);
            if (parsed.exitCode() != null) {
                Termination termination = container.output().overflowed() || parsed.output().truncated()
                        ? Termination.OUTPUT_LIMIT
                        : parsed.oomKilled() ? Termination.OUT_OF_MEMORY : Termination.EXITED;
                return new CommandOutcome(parsed.exitCode(), termination, parsed.output(), measured, parsed.usage(), warm);
            }
        }
        boolean timedOut = report == AttachedOutput.Report.TIMED_OUT;
        if (timedOut) {
            kill(id);
        }
        awaitExit(id, OUTPUT_DRAIN);
        awaitQuietly(container.output()::awaitCompletion, OUTPUT_DRAIN);
        Duration measured = Duration.between(supplied, Instant.now());
        closeQuietly(container.output());

        InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
        int exitCode = state.getExitCodeLong() == null ? 137 : state.getExitCodeLong().intValue();
        var parsed = UsageTrailer.strip(output.snapshot(), payload.nonce(), cap);
        Termination termination = timedOut ? Termination.TIMED_OUT
                : container.output().overflowed() || parsed.output().truncated() ? Termination.OUTPUT_LIMIT
                : Boolean.TRUE.equals(state.getOOMKilled()) ? Termination.OUT_OF_MEMORY
                : exitCode == LAUNCHER_FAILED && parsed.usage() == null ? Termination.SANDBOX_ERROR
                : Termination.EXITED;
        return new CommandOutcome(exitCode, termination, parsed.output(), elapsed(state, supplied, measured),
                parsed.usage(), warm);
    }

    /**
     * Creates, attaches and starts a command's container. Its launcher then waits on stdin, so the
     * container can be prepared long before its run (a warm sandbox) or just before it.
     */
    private Waiting prepare(CommandPlan plan) {
        String id = containers.create(docker, volume, LauncherPayload.command(plan.argv()), plan.limits());
        created.add(id);
        var input = new DeferredInput();
        var output = docker.attachContainerCmd(id)
                .withStdIn(input)
                .withStdOut(true).withStdErr(true).withFollowStream(true)
                .exec(new AttachedOutput(() -> kill(id)));
        awaitQuietly(output::awaitStarted, OUTPUT_DRAIN);
        docker.startContainerCmd(id).exec();
        return new Waiting(plan, id, input, output, Optional.empty());
    }

    /** Docker's finish time excludes API round trips; fall back to our clock. */
    private static Duration elapsed(InspectContainerResponse.ContainerState state, Instant supplied, Duration measured) {
        try {
            var elapsed = Duration.between(supplied, Instant.parse(state.getFinishedAt()));
            return elapsed.isNegative() || elapsed.compareTo(measured) > 0 ? measured : elapsed;
        } catch (RuntimeException unparseable) {
            return measured;
        }
    }

    private boolean awaitExit(String id, Duration timeout) {
        try (var wait = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
            wait.awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (DockerClientException timeoutReached) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private void kill(String id) {
        try {
            docker.killContainerCmd(id).withSignal("KILL").exec();
        } catch (NotFoundException | com.github.dockerjava.api.exception.ConflictException alreadyStopped) {
            // The program finished on its own in the meantime.
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Waiting unused; (unused = waiting.poll()) != null; ) {
            unused.discard();
        }
        for (String id : created) {
            removeQuietly(() -> docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec(), id);
        }
        if (volume != null) {
            removeQuietly(() -> docker.removeVolumeCmd(volume).exec(), volume);
        }
    }

    private static void removeQuietly(Runnable removal, String what) {
        try {
            removal.run();
        } catch (NotFoundException gone) {
            // Already removed.
        } catch (DockerException e) {
            // The start-up sweep removes it next time; a failed cleanup must not fail the run.
            log.warn("Could not remove {}: {}", what, e.getMessage());
        }
    }

    private static void closeQuietly(java.io.Closeable stream) {
        try {
            stream.close();
        } catch (java.io.IOException alreadyClosed) {
            // The attach stream ended with the container.
        }
    }

    /**
     * A started container whose launcher waits for its payload. An init known as a host process
     * shows a {@code docker kill} at once; the attach stream only ends a little later.
     */
    private record Waiting(CommandPlan plan, String id, DeferredInput input, AttachedOutput output,
                           Optional<HostProcess> init) {

        Waiting watching(Optional<HostProcess> init) {
            return new Waiting(plan, id, input, output, init);
        }

        boolean alive() {
            return !output.ended() && init.map(HostProcess::running).orElse(true);
        }

        /** Ends a container that will never get its payload; close() removes it. */
        void discard() {
            input.close();
            closeQuietly(output);
        }
    }

    private interface Await {
        boolean await(long time, TimeUnit unit) throws InterruptedException;
    }

    private static void awaitQuietly(Await await, Duration timeout) {
        try {
            await.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
