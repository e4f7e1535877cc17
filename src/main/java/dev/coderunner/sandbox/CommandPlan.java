package dev.coderunner.sandbox;

import java.util.List;
import java.util.Map;

/**
 * A command as far as it is known before a request's files and stdin arrive: enough for an engine
 * to start it ahead of time in a warm sandbox.
 *
 * @param argv     program and arguments, run in the working directory
 * @param limits   resources the command may use
 * @param warmArgv a command line that starts the same program early, writes the byte 0x06 to
 *                 stdout once ready, waits for one line on stdin, then behaves exactly as
 *                 {@code argv} would (an interpreter with a loader); empty means the engine holds
 *                 {@code argv} back behind its own gate
 * @param environment variables the command gets beyond the image's own
 */
public record CommandPlan(List<String> argv, ProcessLimits limits, List<String> warmArgv,
                          Map<String, String> environment) {

    public CommandPlan {
        argv = List.copyOf(argv);
        warmArgv = List.copyOf(warmArgv);
        environment = Map.copyOf(environment);
    }

    public CommandPlan(List<String> argv, ProcessLimits limits, List<String> warmArgv) {
        this(argv, limits, warmArgv, Map.of());
    }

    public CommandPlan(List<String> argv, ProcessLimits limits) {
        this(argv, limits, List.of());
    }
}
