package dev.coderunner.execution;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the kernel and the engines can pass to a program as its arguments, checked before anything
 * runs, so an argument no engine could pass is the client's error (422) on every engine alike,
 * never a program that failed to start or an engine that seems down.
 */
final class ProgramArguments {

    /** bubblewrap refuses command lines of more than 9000 words; its own options take some. */
    static final int MAX_COUNT = 4096;
    /** The kernel's MAX_ARG_STRLEN (32 pages) includes the terminating NUL. */
    static final int MAX_BYTES = 128 * 1024 - 1;

    private ProgramArguments() {
    }

    /** The request's arguments and those of each of its test cases. */
    static void check(ExecutionRequest request) {
        check("args", request.args());
        if (request.tests() != null) {
            for (var test : request.tests().cases()) {
                if (test.args() != null) {
                    check("tests.args", test.args());
                }
            }
        }
    }

    private static void check(String field, List<String> args) {
        if (args.size() > MAX_COUNT) {
            throw new InvalidExecutionRequestException(field, "at most " + MAX_COUNT + " arguments, not " + args.size());
        }
        for (String arg : args) {
            if (arg.indexOf('\0') >= 0) {
                throw new InvalidExecutionRequestException(field, "an argument cannot contain a NUL character");
            }
            if (arg.length() > MAX_BYTES / 3 && arg.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                throw new InvalidExecutionRequestException(field, "an argument may be at most " + MAX_BYTES
                        + " bytes (UTF-8), the kernel's limit for one argument");
            }
        }
    }
}
