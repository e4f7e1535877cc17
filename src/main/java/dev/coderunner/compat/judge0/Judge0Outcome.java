package dev.coderunner.compat.judge0;

import java.math.BigDecimal;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

/**
 * What Judge0 reports about a finished run, worked out from our answer (the {@code /execute}
 * body, as the submissions store keeps it): its status by the table, output fields empty as null,
 * times in seconds, memory in KB, and isolate's style of message.
 */
record Judge0Outcome(int status, String stdout, String stderr, String compileOutput, String time, String wallTime,
                     Long memory, Integer exitCode, Integer exitSignal, String message) {

    static final String COMPILE_TIMEOUT = "Compilation time limit exceeded.";
    private static final int SIGNALLED = 128;

    static Judge0Outcome of(JsonNode result, String expectedOutput, boolean redirectStderr, Judge0Table table) {
        JsonNode compile = result.path("compile");
        String compileOutput = compile.isObject() ? empty(compile.path("output").asString(null)) : null;
        if (compile.isObject() && "INTERNAL_ERROR".equals(compile.path("status").asString())) {
            return failed(result.path("error").asString(null), table);
        }
        if (compile.isObject() && !"OK".equals(compile.path("status").asString())) {
            String output = "TIMEOUT".equals(compile.path("status").asString()) ? COMPILE_TIMEOUT : compileOutput;
            return new Judge0Outcome(table.statusOf("COMPILE_ERROR", null), null, null, output, null, null, null,
                    null, null, null);
        }
        String ours = result.path("status").asString();
        String signal = result.path("signal").asString(null);
        int exit = result.path("exit_code").asInt();
        String stdout = empty(result.path(redirectStderr ? "output" : "stdout").asString(null));
        String stderr = redirectStderr ? null : empty(result.path("stderr").asString(null));
        int status = "OK".equals(ours) && expectedOutput != null && !OutputComparison.matches(expectedOutput, stdout)
                ? 4 : table.statusOf(ours, signal);
        Integer exitSignal = signal != null && exit > SIGNALLED ? exit - SIGNALLED : null;
        // isolate reports no exit code for a program a signal ended; Judge0 then says 0
        Integer exitCode = exitSignal != null ? 0 : exit;
        return new Judge0Outcome(status, stdout, stderr, compileOutput, seconds(result.path("cpu_time")),
                seconds(result.path("execution_time")), memory(result.path("memory")), exitCode, exitSignal,
                message(ours, exit, exitSignal, result.path("error").asString(null)));
    }

    /** Our failure to run it at all (the engine down, say): Internal Error, in words. */
    static Judge0Outcome failed(String why, Judge0Table table) {
        return new Judge0Outcome(table.statusOf("INTERNAL_ERROR", null), null, null, null, null, null, null, null,
                null, why);
    }

    /** Cancelled through our own submissions API before it ended: Judge0 has no such status. */
    static Judge0Outcome cancelled(Judge0Table table) {
        return new Judge0Outcome(table.statusOf("CANCELLED", null), null, null, null, null, null, null, null, null,
                "the submission was cancelled");
    }

    private static String message(String ours, int exit, Integer exitSignal, String error) {
        return switch (ours) {
            case "OK" -> null;
            case "TIMEOUT" -> "Time limit exceeded";
            case "OUTPUT_LIMIT" -> "Output limit exceeded";
            case "INTERNAL_ERROR" -> error;
            default -> exitSignal != null ? "Caught fatal signal " + exitSignal
                    : exit != 0 ? "Exited with error status " + exit : null;
        };
    }

    private static String empty(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static String seconds(JsonNode seconds) {
        return seconds.isNumber() ? Judge0Decimals.seconds(Duration.ofNanos(seconds.decimalValue()
                .multiply(BigDecimal.valueOf(1_000_000_000L)).longValue())) : null;
    }

    private static Long memory(JsonNode bytes) {
        return bytes.isNumber() ? bytes.longValue() / 1024 : null;
    }
}
