package dev.coderunner.compat.judge0;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import dev.coderunner.api.ExecuteRequest;
import dev.coderunner.execution.ExecutionProperties;

/**
 * Reads a Judge0 submission body as Judge0 does (Rails: numbers may come as strings, unknown
 * fields are ignored, a missing limit takes the default) and checks it against our ceilings,
 * answering every refusal in Judge0's own words, field by field.
 */
@Component
class Judge0SubmissionReader {

    static final int MAX_RUNS = 20;
    static final BigDecimal MAX_CPU_EXTRA_TIME = BigDecimal.valueOf(5);
    private static final int MAX_STRING = 512;
    private static final long KB = 1024;
    private static final Set<String> FALSE = Set.of("false", "0", "f", "off");
    /**
     * A number given as text, as Rails reads one, but short: {@code "1e-999999999"} would make a
     * billion-digit plain string when echoed back.
     */
    private static final java.util.regex.Pattern READABLE_NUMBER =
            java.util.regex.Pattern.compile("[+-]?\\d{1,12}(\\.\\d{1,9})?([eE][+-]?\\d{1,2})?");

    private final Judge0Languages languages;
    private final ExecutionProperties ceilings;
    private final JsonMapper json;

    Judge0SubmissionReader(Judge0Languages languages, ExecutionProperties ceilings, JsonMapper json) {
        this.languages = languages;
        this.ceilings = ceilings;
        this.json = json;
    }

    Judge0Submission read(JsonNode body, boolean base64) {
        ObjectNode fields = body instanceof ObjectNode object ? object : json.createObjectNode();
        var errors = new LinkedHashMap<String, List<String>>();
        var echo = json.createObjectNode();

        String source = text(fields, "source_code", base64);
        if (source == null || source.isBlank()) {
            error(errors, "source_code", "can't be blank");
        }
        Judge0Languages.Resolved language = language(fields, errors);
        String stdin = text(fields, "stdin", base64);
        String expected = text(fields, "expected_output", base64);

        BigDecimal cpu = number(fields, "cpu_time_limit", errors, BigDecimal.ZERO, false,
                seconds(ceilings.cpuTime()), seconds(ceilings.cpuTime()));
        BigDecimal extra = number(fields, "cpu_extra_time", errors, BigDecimal.ZERO, true, MAX_CPU_EXTRA_TIME, BigDecimal.ZERO);
        BigDecimal wall = number(fields, "wall_time_limit", errors, BigDecimal.ONE, true,
                seconds(ceilings.maxTimeout()), seconds(ceilings.defaultTimeout()));
        long memoryCeiling = memoryCeiling(language).toBytes() / KB;
        BigDecimal memory = number(fields, "memory_limit", errors, BigDecimal.valueOf(16 * KB), true,
                BigDecimal.valueOf(memoryCeiling), BigDecimal.valueOf(memoryCeiling));
        BigDecimal stack = number(fields, "stack_limit", errors, BigDecimal.ZERO, true,
                BigDecimal.valueOf(memoryCeiling), BigDecimal.valueOf(memoryCeiling));
        int pids = pidsCeiling(language);
        BigDecimal processes = number(fields, "max_processes_and_or_threads", errors, BigDecimal.ZERO, false,
                BigDecimal.valueOf(pids), BigDecimal.valueOf(pids));
        long fileSize = ceilings.fileSize().toBytes() / KB;
        BigDecimal maxFileSize = number(fields, "max_file_size", errors, BigDecimal.ZERO, true,
                BigDecimal.valueOf(fileSize), BigDecimal.valueOf(fileSize));
        BigDecimal runs = number(fields, "number_of_runs", errors, BigDecimal.ZERO, false,
                BigDecimal.valueOf(MAX_RUNS), BigDecimal.ONE);

        String compilerOptions = text(fields, "compiler_options", false);
        if (compilerOptions != null && compilerOptions.length() > MAX_STRING) {
            error(errors, "compiler_options", "is too long (maximum is 512 characters)");
        }
        if (compilerOptions != null && !compilerOptions.isBlank()) {
            error(errors, "compiler_options", "setting compiler options is not allowed");
        }
        String arguments = text(fields, "command_line_arguments", false);
        List<String> args = List.of();
        if (arguments != null && arguments.length() > MAX_STRING) {
            error(errors, "command_line_arguments", "is too long (maximum is 512 characters)");
        } else {
            try {
                args = CommandLine.split(arguments);
            } catch (CommandLine.UnterminatedQuoteException e) {
                error(errors, "command_line_arguments", e.getMessage());
            }
        }
        boolean network = flag(fields, "enable_network", false);
        if (network) {
            error(errors, "enable_network", "enabling network is not allowed");
        }
        String archive = text(fields, "additional_files", false);
        List<ExecuteRequest.FileBody> files = List.of();
        if (archive != null && !archive.isEmpty()) {
            try {
                files = AdditionalFiles.extract(Base64Text.decodeBytes(archive)).stream()
                        .map(file -> new ExecuteRequest.FileBody(file.name(),
                                java.util.Base64.getEncoder().encodeToString(file.content()), "base64"))
                        .toList();
            } catch (AdditionalFiles.RefusedArchiveException e) {
                error(errors, "additional_files", e.getMessage());
            }
        }
        String callback = text(fields, "callback_url", false);
        if (!errors.isEmpty()) {
            throw new Judge0RequestException(errors);
        }

        echo.put("source_code", source);
        echo.put("language_id", language.id().id());
        echo.put("stdin", stdin);
        echo.put("expected_output", expected);
        echo.put("number_of_runs", runs.intValue());
        echo.put("cpu_time_limit", Judge0Decimals.of(cpu));
        echo.put("cpu_extra_time", Judge0Decimals.of(extra));
        echo.put("wall_time_limit", Judge0Decimals.of(wall));
        echo.put("memory_limit", memory.longValue());
        echo.put("stack_limit", stack.longValue());
        echo.put("max_processes_and_or_threads", processes.intValue());
        echo.put("enable_per_process_and_thread_time_limit", flag(fields, "enable_per_process_and_thread_time_limit", false));
        echo.put("enable_per_process_and_thread_memory_limit", flag(fields, "enable_per_process_and_thread_memory_limit", false));
        echo.put("max_file_size", maxFileSize.longValue());
        echo.put("compiler_options", compilerOptions);
        echo.put("command_line_arguments", arguments);
        echo.put("redirect_stderr_to_stdout", flag(fields, "redirect_stderr_to_stdout", false));
        echo.put("callback_url", callback);
        echo.put("additional_files", archive);
        echo.put("enable_network", network);

        // Whole MiB, rounded down: a request may lower a limit, never raise it.
        int memoryMb = (int) (memory.longValue() / KB);
        var run = new ExecuteRequest(source, language.language().id(), wall.doubleValue(), stdin, args, files, null,
                memoryMb, cpu.doubleValue(), null, null, null);
        return new Judge0Submission(language, run, callback == null || callback.isBlank() ? null : callback, echo);
    }

    private Judge0Languages.Resolved language(ObjectNode fields, Map<String, List<String>> errors) {
        String id = text(fields, "language_id", false);
        if (id == null || id.isBlank()) {
            error(errors, "language_id", "can't be blank");
            return null;
        }
        try {
            var found = languages.find(Integer.parseInt(id.strip()));
            if (found.isPresent()) {
                return found.get();
            }
        } catch (NumberFormatException notAnId) {
            // Judge0 answers an id that is not a number as one it does not have
        }
        error(errors, "language_id", "language with id " + id.strip() + " doesn't exist");
        return null;
    }

    /** The language's memory ceiling; the global one while the language is unknown (its error is reported too). */
    private DataSize memoryCeiling(Judge0Languages.Resolved language) {
        return language == null ? ceilings.memory() : ceilings.memoryFor(language.language());
    }

    private int pidsCeiling(Judge0Languages.Resolved language) {
        return language == null ? ceilings.pids() : ceilings.pidsFor(language.language());
    }

    /**
     * A numeric field: absent or blank takes the default; Rails' numericality messages otherwise.
     * {@code inclusive} says whether the least value itself is allowed.
     */
    private static BigDecimal number(ObjectNode fields, String name, Map<String, List<String>> errors, BigDecimal least,
                                     boolean inclusive, BigDecimal most, BigDecimal fallback) {
        JsonNode node = fields.get(name);
        BigDecimal value;
        if (node == null || node.isNull() || node.isString() && node.asString().isBlank()) {
            return fallback;
        } else if (node.isNumber() && !(node.isFloatingPointNumber() && !Double.isFinite(node.asDouble()))) {
            value = node.decimalValue();
        } else if (node.isString() && READABLE_NUMBER.matcher(node.asString().strip()).matches()) {
            value = new BigDecimal(node.asString().strip());
        } else {
            error(errors, name, "is not a number");
            return fallback;
        }
        if (inclusive ? value.compareTo(least) < 0 : value.compareTo(least) <= 0) {
            error(errors, name, "must be greater than " + (inclusive ? "or equal to " : "") + Judge0Decimals.plain(least));
        } else if (value.compareTo(most) > 0) {
            error(errors, name, "must be less than or equal to " + Judge0Decimals.plain(most));
        }
        return value;
    }

    /** A text field; Rails turns scalars into text and drops objects and arrays. */
    private static String text(ObjectNode fields, String name, boolean base64) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull() || node.isContainer()) {
            return null;
        }
        String text = node.isString() ? node.asString() : node.toString();
        return base64 ? Base64Text.decode(text) : text;
    }

    private static boolean flag(ObjectNode fields, String name, boolean fallback) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull() || node.isContainer()) {
            return fallback;
        }
        String value = node.isString() ? node.asString().strip() : node.toString();
        return value.isEmpty() ? fallback : !FALSE.contains(value.toLowerCase(java.util.Locale.ROOT));
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3);
    }

    private static void error(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, ignored -> new ArrayList<>()).add(message);
    }
}
