package dev.coderunner.compat.judge0;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The adapter's tables, read from {@code compat/judge0.yml}: Judge0 language ids and the runtimes
 * they run on, Judge0's statuses, and how our outcomes map to them. The code decides nothing that
 * these tables say; the docs show the same tables.
 */
record Judge0Table(List<LanguageId> languages, List<Status> statuses, Map<String, String> outcomes,
                   Map<String, Integer> signals) {

    static final String RESOURCE = "/compat/judge0.yml";
    /** The outcome value that defers to the signal table. */
    static final String BY_SIGNAL = "signal";
    static final int NZEC = 11;

    /** One Judge0 language id; {@code name} holds {@code {version}} for our runtime's version. */
    record LanguageId(int id, String runtime, String name, boolean archived) {
    }

    record Status(int id, String description) {
    }

    static Judge0Table load() {
        try (InputStream in = Judge0Table.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Judge0 adapter: " + RESOURCE + " is missing from the class path");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Judge0Table parse(InputStream in) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        var languages = new ArrayList<LanguageId>();
        var seen = new java.util.HashSet<Integer>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) root.get("languages")) {
            var language = new LanguageId((Integer) entry.get("id"), (String) entry.get("runtime"),
                    (String) entry.get("name"), Boolean.TRUE.equals(entry.get("archived")));
            if (!seen.add(language.id())) {
                throw new IllegalStateException("Judge0 adapter: language id " + language.id() + " is listed twice in " + RESOURCE);
            }
            languages.add(language);
        }
        var statuses = ((List<Map<String, Object>>) root.get("statuses")).stream()
                .map(entry -> new Status((Integer) entry.get("id"), (String) entry.get("description"))).toList();
        var outcomes = new LinkedHashMap<String, String>();
        ((Map<String, Object>) root.get("outcomes")).forEach((ours, theirs) -> outcomes.put(ours, String.valueOf(theirs)));
        var signals = new LinkedHashMap<String, Integer>((Map<String, Integer>) root.get("signals"));
        if (!signals.containsKey("other")) {
            throw new IllegalStateException("Judge0 adapter: " + RESOURCE + " signals need an 'other' entry");
        }
        return new Judge0Table(List.copyOf(languages), statuses, outcomes, signals);
    }

    Optional<LanguageId> language(int id) {
        return languages.stream().filter(language -> language.id() == id).findFirst();
    }

    Status status(int id) {
        return statuses.stream().filter(status -> status.id() == id).findFirst()
                .orElseThrow(() -> new IllegalStateException("Judge0 adapter: no status " + id + " in " + RESOURCE));
    }

    /** Judge0's status for one of our outcomes: its own entry, or by the signal that ended it. */
    int statusOf(String outcome, String signal) {
        String mapped = outcomes.get(outcome);
        if (mapped == null) {
            throw new IllegalStateException("Judge0 adapter: outcome " + outcome + " has no entry in " + RESOURCE);
        }
        if (!mapped.equals(BY_SIGNAL)) {
            return Integer.parseInt(mapped);
        }
        return signal == null ? NZEC : signals.getOrDefault(signal, signals.get("other"));
    }
}
