package dev.coderunner.compat.piston;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import dev.coderunner.execution.ExecutionProperties;
import dev.coderunner.execution.ExecutionRequest;
import dev.coderunner.language.Language;

/**
 * A Piston execute body, checked with Piston's own messages, as the run it asks for. Limits are in
 * milliseconds and bytes; 0, -1 or absent means our default; above our ceiling is refused, never
 * clamped. {@code files[0]} is the entry point; a file with no name is called as Piston calls it
 * ({@code file0.code}…), except the entry, which gets the language's source file name so compilers
 * that look for their extension find it.
 */
@Component
class PistonRequests {

    /** The body's checked content: the runtime it selected and the run to make. */
    record Parsed(PistonRuntimes.Selected runtime, ExecutionRequest request) {
    }

    private final PistonRuntimes runtimes;
    private final ExecutionProperties ceilings;

    PistonRequests(PistonRuntimes runtimes, ExecutionProperties ceilings) {
        this.runtimes = runtimes;
        this.ceilings = ceilings;
    }

    Parsed parse(JsonNode body, ExecutionRequest.Caller caller) {
        if (body == null || !body.isObject()) {
            throw new PistonRequestException("the request body must be a JSON object");
        }
        String language = text(body, "language", "language is required as a string");
        JsonNode version = body.get("version");
        if (version != null && !version.isNull() && !version.isString()) {
            throw new PistonRequestException("version is required as a string");
        }
        String selector = version == null || version.isNull() ? "*" : version.asString();
        JsonNode files = body.get("files");
        if (files == null || !files.isArray()) {
            throw new PistonRequestException("files is required as an array");
        }
        var selected = runtimes.select(language, selector)
                .orElseThrow(() -> new PistonRequestException(language + "-" + selector + " runtime is unknown"));
        Language chosen = selected.language();
        var limits = new Limits(body, chosen);

        String code = null;
        var sources = new ArrayList<ExecutionRequest.SourceFile>();
        boolean anyText = false;
        for (int i = 0; i < files.size(); i++) {
            JsonNode file = files.get(i);
            JsonNode content = file.get("content");
            if (content == null || !content.isString()) {
                throw new PistonRequestException("files[" + i + "].content is required as a string");
            }
            String encoding = file.path("encoding").isString() ? file.get("encoding").asString() : "utf8";
            anyText |= !encoding.equals("base64") && !encoding.equals("hex");
            String name = file.path("name").isString() && !file.get("name").asString().isBlank()
                    ? file.get("name").asString() : null;
            if (i == 0 && name == null && encoding.equals("utf8")) {
                code = content.asString();
            } else {
                sources.add(new ExecutionRequest.SourceFile(name != null ? name : "file" + i + ".code",
                        decode(content.asString(), encoding, i)));
            }
        }
        if (files.isEmpty() || !anyText) {
            throw new PistonRequestException("files must include at least one utf8 encoded file");
        }
        return new Parsed(selected, new ExecutionRequest(chosen.id(), code, sources, stdin(body), args(body),
                limits.millis("run_timeout", ceilings.maxTimeout()),
                limits.millis("compile_timeout", ceilings.compileTimeout()),
                limits.bytes("run_memory_limit", ceilings.memoryFor(chosen)),
                limits.millis("run_cpu_time", ceilings.cpuTime()), caller));
    }

    /**
     * The compile step's own memory and CPU limits cannot be lowered per request here: they are
     * checked against their ceilings and the compile runs under the ceilings.
     */
    private final class Limits {
        private final JsonNode body;

        Limits(JsonNode body, Language language) {
            this.body = body;
            bytes("compile_memory_limit", ceilings.compileMemoryFor(language));
            millis("compile_cpu_time", ceilings.compileTimeout());
        }

        Duration millis(String field, Duration ceiling) {
            Long value = number(field, ceiling.toMillis());
            return value == null ? null : Duration.ofMillis(value);
        }

        DataSize bytes(String field, DataSize ceiling) {
            Long value = number(field, ceiling.toBytes());
            return value == null ? null : DataSize.ofBytes(value);
        }

        /** The field's value, or null for our default (absent, null, 0 or -1). */
        private Long number(String field, long ceiling) {
            JsonNode value = body.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isNumber()) {
                throw new PistonRequestException("If specified, " + field + " must be a number");
            }
            long number = (long) Math.ceil(value.asDouble());
            if (number == 0 || number == -1) {
                return null;
            }
            if (number > ceiling) {
                throw new PistonRequestException(field + " cannot exceed the configured limit of " + ceiling);
            }
            if (number < 0) {
                throw new PistonRequestException(field + " must be non-negative");
            }
            return number;
        }
    }

    private static String text(JsonNode body, String field, String message) {
        JsonNode value = body.get(field);
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw new PistonRequestException(message);
        }
        return value.asString();
    }

    /** Piston ends stdin with a newline when it has none; programs written against it may count on that. */
    private static String stdin(JsonNode body) {
        JsonNode stdin = body.get("stdin");
        if (stdin != null && !stdin.isNull() && !stdin.isString()) {
            throw new PistonRequestException("If specified, stdin must be a string");
        }
        String text = stdin == null || stdin.isNull() ? "" : stdin.asString();
        return text.endsWith("\n") ? text : text + "\n";
    }

    /** Arguments are strings; numbers and booleans are taken as their text, as Piston's process spawn does. */
    private static List<String> args(JsonNode body) {
        JsonNode args = body.get("args");
        if (args == null || args.isNull()) {
            return List.of();
        }
        if (!args.isArray()) {
            throw new PistonRequestException("If specified, args must be an array");
        }
        var list = new ArrayList<String>();
        for (JsonNode arg : args) {
            if (!arg.isValueNode() || arg.isNull()) {
                throw new PistonRequestException("args must be strings");
            }
            list.add(arg.asString());
        }
        return list;
    }

    private static byte[] decode(String content, String encoding, int index) {
        try {
            return switch (encoding) {
                case "base64" -> Base64.getMimeDecoder().decode(content);
                case "hex" -> HexFormat.of().parseHex(content);
                default -> content.getBytes(StandardCharsets.UTF_8);
            };
        } catch (IllegalArgumentException e) {
            throw new PistonRequestException("files[" + index + "].content is not valid " + encoding);
        }
    }
}
