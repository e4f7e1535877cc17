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
 */
public record SandboxCommand(CommandPlan plan, List<SandboxFile> files, byte[] stdin, Duration timeout,
                             DataSize outputCap, boolean collect) {

    public SandboxCommand {
        files = files == null ? List.of() : List.copyOf(files);
        stdin = stdin == null ? new byte[0] : stdin;
    }

    public SandboxCommand(CommandPlan plan, List<SandboxFile> files, byte[] stdin, Duration timeout,
                          DataSize outputCap) {
        this(plan, files, stdin, timeout, outputCap, false);
    }

    public List<String> argv() {
        return plan.argv();
    }

    public ProcessLimits limits() {
        return plan.limits();
    }
}
