package dev.coderunner.sandbox;

/** A file to place in the sandbox working directory, by relative path. */
public record SandboxFile(String path, byte[] content) {
}
