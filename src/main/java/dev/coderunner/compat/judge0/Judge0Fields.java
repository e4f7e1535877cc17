package dev.coderunner.compat.judge0;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code fields} query parameter: a comma-separated list of attributes, {@code *} for all of
 * them, or nothing for Judge0's eight default ones. An unknown name is refused (400), as Judge0 does.
 */
record Judge0Fields(List<String> names) {

    static final List<String> ALL = List.of("source_code", "language_id", "stdin", "expected_output", "stdout",
            "status_id", "created_at", "finished_at", "time", "memory", "stderr", "token", "number_of_runs",
            "cpu_time_limit", "cpu_extra_time", "wall_time_limit", "memory_limit", "stack_limit",
            "max_processes_and_or_threads", "enable_per_process_and_thread_time_limit",
            "enable_per_process_and_thread_memory_limit", "max_file_size", "compile_output", "exit_code",
            "exit_signal", "message", "wall_time", "compiler_options", "command_line_arguments",
            "redirect_stderr_to_stdout", "callback_url", "additional_files", "enable_network", "started_at",
            "queued_at", "updated_at", "queue_host", "execution_host", "status", "language");
    static final List<String> DEFAULT = List.of("token", "time", "memory", "stdout", "stderr", "compile_output",
            "message", "status");
    /** Text attributes sent Base64 encoded when base64_encoded=true. */
    static final Set<String> TEXT = Set.of("source_code", "stdin", "expected_output", "stdout", "stderr",
            "compile_output", "message");

    static final class InvalidFieldsException extends RuntimeException {
        InvalidFieldsException(List<String> invalid) {
            super("invalid fields: [" + String.join(", ", invalid) + "]");
        }
    }

    static Judge0Fields parse(String requested) {
        if (requested == null || requested.isBlank()) {
            return new Judge0Fields(DEFAULT);
        }
        var wanted = new ArrayList<String>();
        var invalid = new ArrayList<String>();
        boolean all = false;
        for (String name : requested.split(",")) {
            if (name.equals("*")) {
                all = true;
            } else if (ALL.contains(name)) {
                wanted.add(name);
            } else {
                invalid.add(name);
            }
        }
        if (!invalid.isEmpty()) {
            throw new InvalidFieldsException(invalid);
        }
        return new Judge0Fields(all ? ALL : wanted.isEmpty() ? DEFAULT : List.copyOf(wanted));
    }

    /** The chosen attributes of a submission, text ones Base64 encoded if asked. */
    Map<String, Object> select(Map<String, Object> submission, boolean base64) {
        var chosen = new LinkedHashMap<String, Object>();
        for (String name : ALL) {
            if (names.contains(name)) {
                Object value = submission.get(name);
                chosen.put(name, base64 && TEXT.contains(name) && value instanceof String text
                        ? Base64Text.encode(text) : value);
            }
        }
        return chosen;
    }

    /** Whether the chosen text attributes hold output that was not valid UTF-8 (decoded with U+FFFD). */
    boolean unconvertible(Map<String, Object> submission) {
        return names.stream().filter(TEXT::contains).map(submission::get)
                .anyMatch(value -> value instanceof String text && text.indexOf('\uFFFD') >= 0);
    }
}
