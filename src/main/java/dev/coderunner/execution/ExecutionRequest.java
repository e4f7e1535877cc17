package dev.coderunner.execution;

import java.time.Duration;
import java.util.List;

/**
 * One program to run.
 *
 * @param language language id or alias
 * @param code     source of the entry file; may be null when {@code files} are given
 * @param files    extra or replacement source files; the first one is the entry point when no code
 * @param stdin    standard input, may be empty
 * @param args     command-line arguments passed to the program
 * @param timeout  wall-clock limit requested, or null for the configured default
 */
public record ExecutionRequest(String language, String code, List<SourceFile> files, String stdin,
                               List<String> args, Duration timeout) {

    public ExecutionRequest {
        files = files == null ? List.of() : List.copyOf(files);
        args = args == null ? List.of() : List.copyOf(args);
        stdin = stdin == null ? "" : stdin;
    }

    /** A file submitted with the program. */
    public record SourceFile(String name, byte[] content) {
    }
}
