package dev.coderunner.sandbox;

import org.springframework.util.unit.DataSize;

/**
 * What a sandbox is made from.
 *
 * @param image     runtime image (Docker image name; other engines map it to a root filesystem)
 * @param workspace size of the writable working directory shared by the sandbox's commands
 * @param commands  how many commands will run in it (2 for compile + run), so an engine can keep
 *                  the working directory alive between them
 */
public record SandboxSpec(String image, DataSize workspace, int commands) {
}
