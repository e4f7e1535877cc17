package dev.coderunner.execution;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one line per run on its own logger ({@value #LOGGER}), so it can be routed on its
 * own. Who asked and what came of it, with sizes and figures; never the code, stdin or output. The
 * fields are key=value pairs in the text and, with structured logging, JSON members as well.
 */
final class RunAudit {

    static final String LOGGER = "dev.coderunner.audit";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    void record(ExecutionRequest request, ExecutionResult result) {
        StageResult run = result.run();
        var fields = common(result.executionId(), request);
        fields.put("language", result.language().id());
        fields.put("status", result.status());
        fields.put("exit_code", run.exitCode());
        fields.put("wall_ms", run.executionTime().toMillis());
        fields.put("cpu_ms", run.usage() == null ? null : run.usage().cpuTime().toMillis());
        fields.put("peak_memory", run.usage() == null ? null : run.usage().peakMemory());
        fields.put("warm", run.warm());
        write(fields);
    }

    /** A run that never started: refused (busy, invalid) or failed before its sandbox. */
    void refused(String executionId, ExecutionRequest request, RuntimeException reason) {
        var fields = common(executionId, request);
        fields.put("language", request.language());
        fields.put("status", "REFUSED");
        fields.put("reason", reason.getClass().getSimpleName());
        write(fields);
    }

    private static Map<String, Object> common(String executionId, ExecutionRequest request) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("execution_id", executionId);
        fields.put("key", request.caller().key());
        fields.put("client", request.caller().address());
        fields.put("code_bytes", request.code() == null ? 0 : request.code().getBytes(StandardCharsets.UTF_8).length);
        fields.put("stdin_bytes", request.stdin().getBytes(StandardCharsets.UTF_8).length);
        fields.put("files", request.files().size());
        return fields;
    }

    private static void write(Map<String, Object> fields) {
        var event = log.atInfo();
        fields.forEach(event::addKeyValue);
        event.log("run " + fields.entrySet().stream().map(field -> field.getKey() + "=" + field.getValue())
                .collect(Collectors.joining(" ")));
    }
}
