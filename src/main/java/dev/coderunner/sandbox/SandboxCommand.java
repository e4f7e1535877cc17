package dev.coderunner.sandbox;

import java.time.Duration;
import java.util.List;

import org.springframework.util.unit.DataSize;

/**
 * One command to run inside a sandbox.
 *
 * @param plan      what runs and under which limits
 * @param files     files placed in the working directory before the command starts; given with
 *                  the sandbox's first command, empty for the later ones, which see the same files
 * @param stdin     bytes the program reads on standard input before EOF
 * @param timeout   wall-clock deadline, enforced by the service with SIGKILL
 * @param outputCap stdout and stderr combined; past it the command is stopped
 * @param collect   whether the outcome brings back the regular files of the working directory as
 *                  the command left them (a compile step's artefacts, for other sandboxes)
 * @param live      who follows the command as it runs, or null: its output as produced, and, with
 *                  {@link Live#input()}, stdin and signals sent while it runs instead of {@code stdin}
 */
public record SandboxCommand(CommandPlan plan, List<SandboxFile> files, byte[] stdin, Duration timeout,
                             DataSize outputCap, boolean collect, Live live) {

    public SandboxCommand {
        files = files == null ? List.of() : List.copyOf(files);
        stdin = stdin == null ? new byte[0] : stdin;
    }

    public SandboxCommand(CommandPlan plan, List<SandboxFile> files, byte[] stdin, Duration timeout,
                          DataSize outputCap, boolean collect) {
        this(plan, files, stdin, timeout, outputCap, collect, null);
    }

    public SandboxCommand(CommandPlan plan, List<SandboxFile> files, byte[] stdin, Duration timeout,
                          DataSize outputCap) {
        this(plan, files, stdin, timeout, outputCap, false);
    }

    public SandboxCommand followedBy(Live follower) {
        return new SandboxCommand(plan, files, stdin, timeout, outputCap, collect, follower);
    }

    /** Told of the output as it comes, where there is a follower. */
    public void forward(boolean isStderr, byte[] chunk) {
        if (live != null && chunk.length > 0) {
            live.output().output(isStderr, chunk);
        }
    }

    /** The live stdin, or null when the program reads {@code stdin}. */
    public LiveInput liveInput() {
        return live == null ? null : live.input();
    }

    /**
     * A follower of one command.
     *
     * @param output told of the output as produced
     * @param input  stdin and signals while it runs, or null
     */
    public record Live(OutputListener output, LiveInput input) {
    }

    public List<String> argv() {
        return plan.argv();
    }

    public ProcessLimits limits() {
        return plan.limits();
    }
}
