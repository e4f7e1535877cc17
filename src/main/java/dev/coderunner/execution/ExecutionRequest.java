package dev.coderunner.execution;

import java.time.Duration;
import java.util.List;

import org.springframework.util.unit.DataSize;

/**
 * One program to run. Every limit is optional and may only lower the configured ceiling.
 *
 * @param language       language id or alias
 * @param code           source of the entry file; may be null when {@code files} are given
 * @param files          extra source files; without code, the one named main (or the first) is the entry
 * @param stdin          standard input, may be empty
 * @param args           command-line arguments passed to the program
 * @param timeout        wall-clock limit of the run
 * @param compileTimeout wall-clock limit of the compile step
 * @param memory         memory limit of the run
 * @param cpuTime        CPU-time limit of the run
 * @param caller         who asked, for the audit trail
 * @param tests          test cases to run the program against, or null for one plain run
 */
public record ExecutionRequest(String language, String code, List<SourceFile> files, String stdin,
                               List<String> args, Duration timeout, Duration compileTimeout, DataSize memory,
                               Duration cpuTime, Caller caller, TestSuite tests) {

    public ExecutionRequest(String language, String code, List<SourceFile> files, String stdin, List<String> args,
                            Duration timeout, Duration compileTimeout, DataSize memory, Duration cpuTime, Caller caller) {
        this(language, code, files, stdin, args, timeout, compileTimeout, memory, cpuTime, caller, null);
    }

    public ExecutionRequest {
        files = files == null ? List.of() : List.copyOf(files);
        args = args == null ? List.of() : List.copyOf(args);
        stdin = stdin == null ? "" : stdin;
        caller = caller == null ? Caller.UNKNOWN : caller;
    }

    public ExecutionRequest(String language, String code, List<SourceFile> files, String stdin, List<String> args,
                            Duration timeout, Duration compileTimeout, DataSize memory, Duration cpuTime) {
        this(language, code, files, stdin, args, timeout, compileTimeout, memory, cpuTime, Caller.UNKNOWN);
    }

    /**
     * Who asked for a run: a key's name (never the key) and where the request came from, and the
     * id the run will carry, chosen by the caller so it can name the run even if it is refused.
     */
    public record Caller(String key, String address, String executionId) {
        public static final Caller UNKNOWN = new Caller("-", "-", null);

        public Caller {
            executionId = executionId == null ? ExecutionIds.next() : executionId;
        }

        public Caller(String key, String address) {
            this(key, address, null);
        }
    }

    /** A file submitted with the program. */
    public record SourceFile(String name, byte[] content) {
    }
}
