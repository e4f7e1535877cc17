package dev.coderunner.sandbox.docker;

import java.io.Closeable;
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
import java.util.concurrent.atomic.AtomicInteger;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Event;

import dev.coderunner.sandbox.BoundedOutput;
import dev.coderunner.sandbox.CommandOutcome;
import dev.coderunner.sandbox.CommandOutcome.Termination;
import dev.coderunner.sandbox.CommandPlan;
import dev.coderunner.sandbox.ExitStatus;
import dev.coderunner.sandbox.HostProcess;
import dev.coderunner.sandbox.LiveInput;
import dev.coderunner.sandbox.ProgramSignal;
import dev.coderunner.sandbox.SandboxCommand;
import dev.coderunner.sandbox.SandboxFile;
import dev.coderunner.sandbox.SandboxUnavailableException;
import dev.coderunner.sandbox.StartAheadSandbox;

/**
 * A sandbox made of one fresh container per command and a tmpfs working directory: the
 * container's own for a single command, else a tmpfs volume, so a compile step and the program
 * share files but never processes. Each container's main process is the launcher: when the
 * program exits the container stops, and Docker kills anything it left behind in the container's
 * pid namespace.
 *
 * <p>Every container is created, attached and started before its payload (files, then stdin)
 * arrives on its attached stdin; the launcher reports the program's end itself. Docker remounts an
 * unused tmpfs volume empty, so while a command runs, the next command's container (already
 * started and waiting) is what keeps the shared workspace mounted.
 */
final class DockerSandbox extends StartAheadSandbox<DockerSandbox.Container> {

    /** How long to wait for the last output frames once the container has stopped. */
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(5);
    private final DockerClient docker;
    private final DockerContainerSpec containers;
    private final String volume;
    private final DockerLeftovers leftovers;
    private final boolean watchInit;
    /** How long Docker may take to attach to a new container: the Engine API's own deadline. */
    private final Duration attachWait;
    private final Queue<String> created = new ConcurrentLinkedQueue<>();
    private final ContainerFigures figures;
    private final WorkspaceArchive workspaceArchive;

    DockerSandbox(DockerClient docker, DockerContainerSpec containers, String volume, DockerLeftovers leftovers,
                  Duration attachWait, boolean warm) {
        super(warm);
        this.attachWait = attachWait;
        this.docker = docker;
        this.containers = containers;
        this.volume = volume;
        this.leftovers = leftovers;
        this.watchInit = warm;
        this.figures = new ContainerFigures(docker);
        this.workspaceArchive = new WorkspaceArchive(docker, containers.user(), containers.spec().workspace().toBytes(), attachWait);
    }

    /** Creates, attaches and starts a command's container; its launcher then waits on stdin. */
    @Override
    protected Container start(CommandPlan plan, boolean ahead) {
        try {
            String id = containers.create(docker, volume, plan.argv(), plan.limits(), plan.environment());
            created.add(id);
            leftovers.track(id);
            var input = new DeferredInput();
            var output = docker.attachContainerCmd(id)
                    .withStdIn(input)
                    .withStdOut(true).withStdErr(true).withFollowStream(true)
                    .exec(new AttachedOutput(() -> kill(id)));
            if (!output.awaitStarted(attachWait.toMillis(), TimeUnit.MILLISECONDS)) {
                closeQuietly(output);
                throw new SandboxUnavailableException("Docker did not attach to a new container within " + attachWait);
            }
            docker.startContainerCmd(id).exec();
            return new Container(plan, id, input, output, watchInit && ahead ? init(id) : Optional.empty());
        } catch (SandboxUnavailableException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxUnavailableException("interrupted while starting a container", e);
        } catch (RuntimeException e) {
            throw new SandboxUnavailableException("Docker could not start a container: " + e.getMessage(), e);
        }
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

    /**
     * One decision path: hand the payload over and wait for the launcher's end marker (or the
     * deadline). With the marker, the program is done and its output complete: its figures are
     * read from outside the container while the launcher still holds it, the exit status is the
     * one the marker carries, and the launcher is let go. Without it, Docker is asked how the container ended.
     * An engine that fails on the way makes the run our failure, never the program's.
     */
    @Override
    protected CommandOutcome finish(Container container, SandboxCommand command, boolean startedAhead) {
        if (moreWaiting()) {
            awaitStartedAhead();
        }
        long cap = command.outputCap().toBytes();
        var output = new BoundedOutput(cap + EndMarker.RESERVE);
        LiveInput live = command.liveInput();
        var payload = LauncherPayload.of(command.files(), command.stdin(), live != null);
        container.output().captureInto(output, payload.nonce(), command);

        Instant handedOver = Instant.now();
        container.input().supply(payload.bytes(), live);
        AttachedOutput.Report report;
        try (var signals = live == null ? null : live.deliverSignalsTo(signal -> signal(container.id(), signal))) {
            report = container.output().awaitReport(command.timeout());
        }
        try {
            if (report == AttachedOutput.Report.REPORTED) {
                Duration elapsed = Duration.between(handedOver, Instant.now());
                var figures = this.figures.read(container.id());
                var files = command.collect() ? workspaceArchive.read(container.id()) : List.<SandboxFile>of();
                // Lets the launcher go: it exits and Docker stops the container while the answer leaves.
                closeQuietly(container.output());
                var stripped = EndMarker.strip(output.snapshot(), payload.nonce(), cap);
                if (!stripped.marked()) {
                    // Both markers came, but not as the ends of their streams: Docker says how it ended.
                    return unreported(container, output, payload, cap, handedOver, report);
                }
                boolean overLimit = container.output().overflowed() || stripped.output().truncated();
                return new CommandOutcome(stripped.status(), Termination.of(false, false, overLimit, figures.oomKilled(), false),
                        stripped.output(), elapsed, figures.usage()).withFiles(files);
            }
            if (report == AttachedOutput.Report.TIMED_OUT) {
                kill(container.id());
            }
            return unreported(container, output, payload, cap, handedOver, report);
        } catch (RuntimeException engine) {
            closeQuietly(container.output());
            return CommandOutcome.engineFailed("the Docker engine failed during the run",
                    EndMarker.strip(output.snapshot(), payload.nonce(), cap).output(),
                    Duration.between(handedOver, Instant.now()));
        }
    }

    /**
     * The container ended without the end marker: killed by us (deadline, output cap), by the
     * kernel (memory), by the staging failing, or from outside. A kill Docker itself sent (a
     * {@code docker stop}, dockerd shutting down) is the engine failing under the program, and so
     * is a launcher gone without its report for none of those reasons: the program can neither
     * signal it nor stop it printing the report, so only the runtime can have ended it (a sandbox
     * kernel that died: gVisor exits 2). {@code report} REPORTED: both markers came, though not last.
     */
    private CommandOutcome unreported(Container container, BoundedOutput output, LauncherPayload payload, long cap,
                                      Instant handedOver, AttachedOutput.Report report) {
        boolean timedOut = report == AttachedOutput.Report.TIMED_OUT;
        awaitExit(container.id());
        awaitQuietly(container.output(), OUTPUT_DRAIN);
        Duration measured = Duration.between(handedOver, Instant.now());
        closeQuietly(container.output());

        ContainerState state = docker.inspectContainerCmd(container.id()).exec().getState();
        if (Boolean.TRUE.equals(state.getRunning())) {
            throw new IllegalStateException("container " + container.id() + " still runs after its stream ended");
        }
        int exitCode = state.getExitCodeLong() == null ? ExitStatus.KILLED : state.getExitCodeLong().intValue();
        var stripped = EndMarker.strip(output.snapshot(), payload.nonce(), cap);
        boolean overLimit = container.output().overflowed() || stripped.output().truncated();
        boolean stagingFailed = exitCode == ExitStatus.STAGING_FAILED;
        boolean oom = Boolean.TRUE.equals(state.getOOMKilled());
        var events = timedOut || overLimit || oom || stagingFailed ? Events.NONE : events(container.id(), handedOver);
        // The OOM event can reach dockerd's log before its container state (seen under gVisor).
        oom |= events.oom();
        boolean stoppedByDocker = !oom && events.killed();
        Termination termination = Termination.of(stoppedByDocker, timedOut, overLimit, oom, stagingFailed);
        Duration elapsed = elapsed(state, handedOver, measured);
        if (stoppedByDocker) {
            return CommandOutcome.engineFailed("the Docker engine stopped the sandbox during the run",
                    stripped.output(), elapsed);
        }
        if (termination == Termination.EXITED && report != AttachedOutput.Report.REPORTED) {
            return CommandOutcome.engineFailed("Docker's runtime ended the sandbox during the run, without its launcher's"
                    + " report (exit status " + exitCode + ")", stripped.output(), elapsed);
        }
        return new CommandOutcome(timedOut ? ExitStatus.KILLED : exitCode, termination, stripped.output(), elapsed, null,
                false, stagingFailed ? "the files could not be placed in the sandbox" : null);
    }

    /** What Docker recorded for a container since the hand-over: a kill it sent (ours come with a deadline or cap), an OOM kill. */
    private record Events(boolean killed, boolean oom) {
        static final Events NONE = new Events(false, false);
    }

    private Events events(String id, Instant since) {
        var kills = new AtomicInteger();
        var ooms = new AtomicInteger();
        Instant now = Instant.now();
        var callback = docker.eventsCmd()
                .withSince(String.valueOf(since.getEpochSecond()))
                .withUntil(now.getEpochSecond() + "." + String.format("%09d", now.getNano()))
                .withContainerFilter(id).withEventFilter("kill", "oom")
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                        ("oom".equals(event.getAction()) ? ooms : kills).incrementAndGet();
                    }
                });
        awaitQuietly(callback, OUTPUT_DRAIN);
        return new Events(kills.get() > 0, ooms.get() > 0);
    }

    /** Docker's finish time excludes API round trips; fall back to our clock. */
    private static Duration elapsed(ContainerState state, Instant handedOver, Duration measured) {
        try {
            var elapsed = Duration.between(handedOver, Instant.parse(state.getFinishedAt()));
            return elapsed.isNegative() || elapsed.compareTo(measured) > 0 ? measured : elapsed;
        } catch (RuntimeException unparseable) {
            return measured;
        }
    }

    private void awaitExit(String id) {
        try (var wait = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
            wait.awaitStatusCode(OUTPUT_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (DockerClientException | IOException stillStoppingOrGone) {
            // Inspecting the container next tells how it ended.
        }
    }

    /**
     * Signals the program's processes from inside the container, as its own user: {@code kill -1}
     * reaches every process of that user but the caller, and never the launcher (root) that reports
     * the program's end. A failed signal (the container stopped, no process could start) is dropped.
     */
    private void signal(String id, ProgramSignal signal) {
        Thread.startVirtualThread(() -> {
            try {
                String exec = docker.execCreateCmd(id).withUser(containers.user())
                        .withCmd("/bin/sh", "-c", "kill -s " + signal.name().substring(3) + " -- -1")
                        .exec().getId();
                docker.execStartCmd(exec).exec(new ResultCallback.Adapter<>())
                        .awaitCompletion(OUTPUT_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException stoppedOrRefused) {
                // The program ended meanwhile, or the container cannot start a process now.
            }
        });
    }

    /** Kills a container; one that has stopped meanwhile is fine, an engine that fails is not. */
    private void kill(String id) {
        try {
            docker.killContainerCmd(id).withSignal("KILL").exec();
        } catch (NotFoundException | ConflictException alreadyStopped) {
            // The program finished on its own in the meantime.
        }
    }

    /** Removes every container and the volume; what fails now is retried by the periodic sweep. */
    @Override
    protected void release() {
        for (String id; (id = created.poll()) != null; ) {
            removeOrRetry(false, id);
        }
        if (volume != null) {
            removeOrRetry(true, volume);
        }
    }

    private void removeOrRetry(boolean isVolume, String id) {
        try {
            leftovers.remove(isVolume, id);
        } catch (NotFoundException gone) {
            // Already removed.
        } catch (RuntimeException e) {
            leftovers.retryLater(isVolume, id);
        }
    }

    private static void closeQuietly(Closeable stream) {
        try {
            stream.close();
        } catch (IOException alreadyClosed) {
            // The attach stream ended with the container.
        }
    }

    private static void awaitQuietly(ResultCallback.Adapter<?> callback, Duration timeout) {
        try {
            callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A started container whose launcher waits for its payload. An init known as a host process
     * shows a {@code docker kill} at once; the attach stream only ends a little later.
     */
    record Container(CommandPlan plan, String id, DeferredInput input, AttachedOutput output,
                     Optional<HostProcess> init) implements Started {

        @Override
        public boolean alive() {
            return !output.ended() && init.map(HostProcess::running).orElse(true);
        }

        /** Ends a container that will never get its payload; release() removes it. */
        @Override
        public void discard() {
            input.close();
            closeQuietly(output);
        }
    }
}
