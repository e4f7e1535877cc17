package dev.coderunner.sandbox;

import java.util.List;

import org.springframework.util.unit.DataSize;

/**
 * What a sandbox is made from. Two runs with equal specs can use interchangeable warm sandboxes.
 *
 * @param image     runtime image (Docker image name; other engines map it to a root filesystem)
 * @param workspace size of the writable working directory shared by the sandbox's commands
 * @param commands  the commands that will run in it, in order (a compile step, then the program)
 */
public record SandboxSpec(String image, DataSize workspace, List<CommandPlan> commands) {

    public SandboxSpec {
        commands = List.copyOf(commands);
    }
}
