package dev.coderunner.sandbox;

import java.time.Duration;
import java.util.List;

import org.springframework.util.unit.DataSize;

/**
 * One command to run inside a sandbox.
 *
 * @param argv      program and arguments, run in the working directory
 * @param stdin     bytes the program reads on standard input before EOF
 * @param timeout   wall-clock deadline, enforced by the service with SIGKILL
 * @param outputCap stdout and stderr combined; past it the command is stopped
 * @param limits    resources the command may use
 */
public record SandboxCommand(List<String> argv, byte[] stdin, Duration timeout, DataSize outputCap,
                             ProcessLimits limits) {

    public SandboxCommand {
        argv = List.copyOf(argv);
        stdin = stdin == null ? new byte[0] : stdin;
    }
}
