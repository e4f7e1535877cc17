package dev.coderunner.compat.judge0;

import java.util.List;
import java.util.Map;

/** A submission Judge0 would refuse with 422: its errors by field, each field's messages in order. */
class Judge0RequestException extends RuntimeException {

    private final Map<String, List<String>> errors;

    Judge0RequestException(Map<String, List<String>> errors) {
        super(errors.toString());
        this.errors = Map.copyOf(errors);
    }

    Judge0RequestException(String field, String message) {
        this(Map.of(field, List.of(message)));
    }

    Map<String, List<String>> errors() {
        return errors;
    }
}
