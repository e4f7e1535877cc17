package dev.coderunner.sandbox;

import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What both engines' sandboxes share. A command may be started ahead: its process or container
 * set up, limits applied, waiting for its files, stdin and go. A run takes the next started-ahead
 * command if it has the run's plan and is still alive; otherwise that one is discarded and the
 * command starts now. Closing discards whatever still waits, then lets the engine remove what it
 * created; it is idempotent.
 *
 * @param <C> the engine's handle on one started command
 */
public abstract class StartAheadSandbox<C extends StartAheadSandbox.Started> implements Sandbox {

    /** A command set up ahead of its run. */
    public interface Started {

        CommandPlan plan();

        /** Alive and waiting: nothing has killed it since it was started. */
        boolean alive();

        /** Ends a command that will never run; what it created goes with the sandbox. */
        void discard();
    }

    private static final Executor STARTERS = Executors.newVirtualThreadPerTaskExecutor();

    private final Deque<CompletableFuture<C>> waiting = new ConcurrentLinkedDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final boolean warm;

    protected StartAheadSandbox(boolean warm) {
        this.warm = warm;
    }

    /** Sets up each command in the background, in order; {@link #run} takes them in the same order. */
    final void startAhead(List<CommandPlan> plans) {
        for (CommandPlan plan : plans) {
            waiting.add(CompletableFuture.supplyAsync(() -> start(plan, true), STARTERS));
        }
    }

    /** Waits until every command started ahead is ready, and fails as the first that could not start. */
    protected final void awaitStartedAhead() {
        for (var started : waiting) {
            try {
                started.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }

    /**
     * Asks the engine, for each waiting command, whether it still lives. A sandbox with a command
     * still being set up is not usable yet.
     */
    @Override
    public final boolean usable() {
        return !closed.get() && waiting.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()
                && f.join().alive());
    }

    /**
     * Runs the command in the started-ahead process meant for it, if that one is still alive.
     * Commands started ahead of a cold sandbox's first one are meant for later commands: they
     * stay waiting (under Docker one of them keeps the shared workspace mounted meanwhile).
     */
    @Override
    public final CommandOutcome run(SandboxCommand command) {
        C next = nextFor(command.plan());
        boolean ready = next != null && next.alive();
        if (next != null && !ready) {
            next.discard();
        }
        C started = ready ? next : start(command.plan(), false);
        CommandOutcome outcome = finish(started, command, ready);
        return warm && ready ? outcome.startedWarm() : outcome;
    }

    /** Whether commands are still waiting behind the one running now. */
    protected final boolean moreWaiting() {
        return !waiting.isEmpty();
    }

    /** The first waiting command if it was started for this plan; it leaves the queue. */
    private C nextFor(CommandPlan plan) {
        var future = waiting.peek();
        if (future == null) {
            return null;
        }
        try {
            C head = future.join();
            if (!head.plan().equals(plan)) {
                return null;
            }
            waiting.remove(future);
            return head;
        } catch (CompletionException couldNotStart) {
            waiting.remove(future);
            return null;
        }
    }

    @Override
    public final void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (CompletableFuture<C> future; (future = waiting.poll()) != null; ) {
            try {
                future.join().discard();
            } catch (CompletionException neverStarted) {
                // The engine cleaned up after its own failed start.
            }
        }
        release();
    }

    /**
     * Starts a command so that it waits for {@link #finish}. {@code ahead}: before its run is
     * known, which lets a language's warm loader start the interpreter itself.
     */
    protected abstract C start(CommandPlan plan, boolean ahead);

    /** Hands the command its files and stdin, lets it run, and reports how it ended. */
    protected abstract CommandOutcome finish(C started, SandboxCommand command, boolean startedAhead);

    /** Removes everything the sandbox created; called once, after every waiting command is discarded. */
    protected abstract void release();
}
