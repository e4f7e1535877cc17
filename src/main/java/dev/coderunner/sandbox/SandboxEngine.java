package dev.coderunner.sandbox;

import java.util.List;

/**
 * An isolation engine: the sandboxes it makes can start their commands ahead of the run, each
 * waiting (set up, limits applied) for its go. The two ways to open one are written once, here.
 */
public interface SandboxEngine extends SandboxFactory {

    /** A sandbox with nothing started yet; {@code warm} when it is made for a pool. */
    StartAheadSandbox<?> create(SandboxSpec spec, boolean warm);

    /**
     * A cold sandbox: the first command starts when it runs, and the later ones (the program after
     * its compile step) get ready in the background meanwhile.
     */
    @Override
    default Sandbox open(SandboxSpec spec) {
        var sandbox = create(spec, false);
        return startedAhead(sandbox, spec.commands().subList(1, spec.commands().size()), false);
    }

    /**
     * A sandbox for a pool: every planned command is started and waits for its files and stdin,
     * so that running one only hands them over. The program cannot tell the difference: same argv,
     * working directory, environment and limits as in a sandbox from {@link #open}.
     */
    default Sandbox openWarm(SandboxSpec spec) {
        return startedAhead(create(spec, true), spec.commands(), true);
    }

    private static Sandbox startedAhead(StartAheadSandbox<?> sandbox, List<CommandPlan> plans, boolean await) {
        try {
            sandbox.startAhead(plans);
            if (await) {
                sandbox.awaitStartedAhead();
            }
            return sandbox;
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }
}
