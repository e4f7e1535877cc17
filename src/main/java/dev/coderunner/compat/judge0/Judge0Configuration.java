package dev.coderunner.compat.judge0;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.coderunner.execution.ExecutionProperties;
import dev.coderunner.submissions.CallbackProperties;
import dev.coderunner.submissions.SubmissionProperties;

/**
 * Judge0's {@code config_info}: its keys, with the ceilings and defaults we really apply and what
 * we support (no network, no compiler options). Limits we accept but do not apply are reported at
 * the values we accept them up to (see docs/judge0.md).
 */
@Component
class Judge0Configuration {

    /** The Judge0 CE API version this adapter follows. */
    static final String API_VERSION = "1.13.1";

    private final ExecutionProperties ceilings;
    private final SubmissionProperties submissions;
    private final boolean callbacks;
    private final int callbackAttempts;
    private final Double callbackTimeout;

    Judge0Configuration(ExecutionProperties ceilings, SubmissionProperties submissions, CallbackProperties callbacks) {
        this.ceilings = ceilings;
        this.submissions = submissions;
        this.callbacks = callbacks.secret() != null && !callbacks.secret().isBlank();
        this.callbackAttempts = callbacks.attempts();
        this.callbackTimeout = seconds(callbacks.timeout());
    }

    Map<String, Object> info() {
        long memoryKb = ceilings.memory().toBytes() / 1024;
        long fileSizeKb = ceilings.fileSize().toBytes() / 1024;
        var info = new LinkedHashMap<String, Object>();
        info.put("maintenance_mode", false);
        info.put("enable_wait_result", true);
        info.put("enable_compiler_options", false);
        info.put("allowed_languages_for_compile_options", List.of());
        info.put("enable_command_line_arguments", true);
        info.put("enable_submission_delete", false);
        info.put("enable_callbacks", callbacks);
        info.put("callbacks_max_tries", callbackAttempts);
        info.put("callbacks_timeout", callbackTimeout);
        info.put("enable_additional_files", true);
        info.put("max_queue_size", submissions.queueCapacity());
        info.put("cpu_time_limit", seconds(ceilings.cpuTime()));
        info.put("max_cpu_time_limit", seconds(ceilings.cpuTime()));
        info.put("cpu_extra_time", 0.0);
        info.put("max_cpu_extra_time", Judge0SubmissionReader.MAX_CPU_EXTRA_TIME.doubleValue());
        info.put("wall_time_limit", seconds(ceilings.defaultTimeout()));
        info.put("max_wall_time_limit", seconds(ceilings.maxTimeout()));
        info.put("memory_limit", memoryKb);
        info.put("max_memory_limit", memoryKb);
        info.put("stack_limit", memoryKb);
        info.put("max_stack_limit", memoryKb);
        info.put("max_processes_and_or_threads", ceilings.pids());
        info.put("max_max_processes_and_or_threads", ceilings.pids());
        info.put("enable_per_process_and_thread_time_limit", false);
        info.put("allow_enable_per_process_and_thread_time_limit", true);
        info.put("enable_per_process_and_thread_memory_limit", false);
        info.put("allow_enable_per_process_and_thread_memory_limit", true);
        info.put("max_file_size", fileSizeKb);
        info.put("max_max_file_size", fileSizeKb);
        info.put("number_of_runs", 1);
        info.put("max_number_of_runs", Judge0SubmissionReader.MAX_RUNS);
        info.put("redirect_stderr_to_stdout", false);
        info.put("max_extract_size", AdditionalFiles.MAX_EXTRACTED_BYTES / 1024);
        info.put("enable_batched_submissions", true);
        info.put("max_submission_batch_size", submissions.batchMax());
        info.put("submission_cache_duration", 0.0);
        info.put("use_docs_as_homepage", false);
        info.put("allow_enable_network", false);
        info.put("enable_network", false);
        // In Judge0's code, true means base64_encoded is false unless asked for: what we do.
        info.put("disable_implicit_base64_encoding", true);
        return info;
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
