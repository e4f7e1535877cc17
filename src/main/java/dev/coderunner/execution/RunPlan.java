package dev.coderunner.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.util.unit.DataSize;

import dev.coderunner.language.Language;
import dev.coderunner.sandbox.CommandPlan;
import dev.coderunner.sandbox.SandboxSpec;

/**
 * The sandbox one run needs and the commands it runs there, known before its files and stdin.
 * Runs with equal plans can take interchangeable warm sandboxes.
 *
 * @param compile the compile step, or null for an interpreted language
 */
record RunPlan(SandboxSpec spec, CommandPlan compile, CommandPlan run) {

    static RunPlan of(Language language, RunLimits limits, String entry, List<String> args, DataSize workspace) {
        return of(language, limits, entry, args, workspace, false);
    }

    /**
     * {@code live}: the program is followed as it runs, with the language's live environment. Such
     * a plan differs from the pools' plans: it runs in a sandbox of its own, started now.
     */
    static RunPlan of(Language language, RunLimits limits, String entry, List<String> args, DataSize workspace,
                      boolean live) {
        CommandPlan compile = language.compiled()
                ? new CommandPlan(language.compileCommand(entry), limits.compile(), language.warmCompileCommand(entry))
                : null;
        CommandPlan run = new CommandPlan(withArgs(language.runCommand(entry), args), limits.run(),
                withArgs(language.warmRunCommand(entry), args), live ? language.liveEnvironment() : Map.of());
        var commands = compile == null ? List.of(run) : List.of(compile, run);
        return new RunPlan(new SandboxSpec(language.image(), workspace, commands), compile, run);
    }

    /** The most memory the run holds at once: its compile step and the program run one after the other. */
    DataSize memory() {
        return spec.commands().stream().map(command -> command.limits().memory())
                .max(DataSize::compareTo).orElseThrow();
    }

    private static List<String> withArgs(List<String> command, List<String> args) {
        if (command.isEmpty()) {
            return command;
        }
        var argv = new ArrayList<>(command);
        argv.addAll(args);
        return argv;
    }
}
