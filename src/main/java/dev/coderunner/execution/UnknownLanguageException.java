package dev.coderunner.execution;

import java.util.List;

/** The requested language is not in the registry. */
public class UnknownLanguageException extends RuntimeException {

    private final List<String> known;

    public UnknownLanguageException(String requested, List<String> known) {
        super("unknown language '" + requested + "'; known languages: " + String.join(", ", known));
        this.known = List.copyOf(known);
    }

    public List<String> known() {
        return known;
    }
}
