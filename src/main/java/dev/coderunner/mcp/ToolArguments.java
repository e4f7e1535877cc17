package dev.coderunner.mcp;

import java.util.List;
import java.util.Map;

import dev.coderunner.api.ExecuteRequest;
import dev.coderunner.execution.InvalidExecutionRequestException;

/**
 * A tool call's arguments as the {@code /execute} body they stand for, so both run through the
 * same checks. The SDK has already validated them against the tool's input schema; the type checks
 * here only keep a schema slip from turning into a ClassCastException.
 */
final class ToolArguments {

    private final Map<String, Object> arguments;

    private ToolArguments(Map<String, Object> arguments) {
        this.arguments = arguments == null ? Map.of() : arguments;
    }

    /** {@code run_code}: language, code, optional stdin, files and timeout. */
    static ExecuteRequest runCode(Map<String, Object> arguments) {
        var read = new ToolArguments(arguments);
        return new ExecuteRequest(read.string("code"), read.string("language"), read.number("timeout"),
                read.string("stdin"), null, read.files(), null, null, null, null, null, null);
    }

    /** {@code run_tests}: as {@code run_code}, with test cases and how their output is compared. */
    static ExecuteRequest runTests(Map<String, Object> arguments) {
        var read = new ToolArguments(arguments);
        List<ExecuteRequest.TestBody> tests = read.list("tests").stream()
                .map(test -> new ToolArguments(object(test, "tests")))
                .map(test -> new ExecuteRequest.TestBody(test.string("name"), test.string("stdin"), null,
                        test.required("expected_output")))
                .toList();
        return new ExecuteRequest(read.string("code"), read.string("language"), read.number("timeout"), null, null,
                read.files(), null, null, null, tests, read.string("comparison"), null);
    }

    private List<ExecuteRequest.FileBody> files() {
        if (arguments.get("files") == null) {
            return null;
        }
        return list("files").stream()
                .map(file -> new ToolArguments(object(file, "files")))
                .map(file -> new ExecuteRequest.FileBody(file.required("name"), file.required("content"), null))
                .toList();
    }

    private String string(String name) {
        Object value = arguments.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrongType(name, "a string");
    }

    private String required(String name) {
        String value = string(name);
        if (value == null) {
            throw new InvalidExecutionRequestException(name, name + " is required");
        }
        return value;
    }

    private Double number(String name) {
        Object value = arguments.get(name);
        if (value == null || value instanceof Number) {
            return value == null ? null : ((Number) value).doubleValue();
        }
        throw wrongType(name, "a number");
    }

    private List<?> list(String name) {
        Object value = arguments.get(name);
        if (value instanceof List<?> list) {
            return list;
        }
        throw wrongType(name, "an array");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String within) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw wrongType(within, "an array of objects");
    }

    private static InvalidExecutionRequestException wrongType(String name, String type) {
        return new InvalidExecutionRequestException(name, name + " must be " + type);
    }
}
