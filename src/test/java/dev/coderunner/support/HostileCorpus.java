package dev.coderunner.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The hostile corpus, {@code src/test/resources/hostile/programs.yml} (its header documents the
 * format): each program with what it attacks and the outcome expected of it on the engine under
 * test, already resolved from the common expectation, the engine's override and a known gap.
 * Loading is strict: an unknown key, an override without its reason, a gap without its observed
 * behaviour or a duplicate id fails the whole corpus rather than weakening one program unseen.
 */
public final class HostileCorpus {

    public static final String RESOURCE = "/hostile/programs.yml";
    public static final List<String> ENGINES = List.of("docker", "bwrap", "gvisor");
    public static final double DEFAULT_TIMEOUT = 10;

    private static final Set<String> ENTRY_KEYS = Set.of("id", "language", "attacks", "prelude", "code", "stdin", "args",
            "args-repeat", "timeout", "memory", "expect", "docker", "bwrap", "gvisor", "known-gap", "host-processes-gone", "exclusive",
            "pair", "overlap");
    private static final Set<String> SIDE_KEYS = Set.of("language", "prelude", "code", "stdin", "args", "timeout", "memory",
            "expect", "docker", "bwrap", "gvisor");
    private static final Set<String> EXPECT_KEYS = Set.of("status", "exit-code", "signal", "truncated", "output", "contains",
            "not-contains", "matches", "stderr-contains", "max-seconds", "http");
    private static final Set<String> OVERRIDE_KEYS = Set.of("why", "expect");
    private static final Set<String> GAP_KEYS = Set.of("engines", "reason", "observed", "observed-on");
    private static final Pattern REPEAT = Pattern.compile("\\$\\{repeat:(\\d+):([^}]*)}");

    /** What a run must show. {@code http} other than 200 means nothing else is checked. */
    public record Expectation(int http, List<String> statuses, Integer exitCode, String signal, Boolean truncated,
                              String output, List<String> contains, List<String> notContains, List<Pattern> matches,
                              List<String> stderrContains, double maxSeconds) {
    }

    /** One request: a program and what its answer must show on this engine. */
    public record Run(String language, String code, String stdin, List<String> args, double timeout, Integer memory,
                      Expectation expect) {
    }

    /** A known gap on this engine: the run's expectation is the behaviour observed today. */
    public record Gap(String reason) {
    }

    /**
     * A corpus entry: one run, or two started together ({@code second} non-null) whose probing
     * windows must overlap by {@code overlap} seconds.
     */
    public record Program(String id, String attacks, Run first, Run second, double overlap, boolean exclusive,
                          String hostProcessGone, Gap gap, List<String> engineNotes) {

        public boolean pair() {
            return second != null;
        }

        public List<String> languages() {
            return second == null ? List.of(first.language()) : List.of(first.language(), second.language());
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private HostileCorpus() {
    }

    /** The corpus as the given engine ({@code docker}, {@code bwrap} or {@code gvisor}) must answer it. */
    @SuppressWarnings("unchecked")
    public static List<Program> load(String engine, UnaryOperator<String> placeholders) {
        if (!ENGINES.contains(engine)) {
            throw new IllegalArgumentException("unknown engine " + engine);
        }
        Map<String, Object> document;
        try (InputStream in = HostileCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            var options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            document = new Yaml(options).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var preludes = (Map<String, String>) document.getOrDefault("preludes", Map.of());
        var programs = new ArrayList<Program>();
        var ids = new LinkedHashSet<String>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) document.get("programs")) {
            String id = string(entry, "id", "?");
            try {
                if (!ids.add(id)) {
                    throw new IllegalStateException("duplicate id");
                }
                programs.add(program(entry, engine, preludes, placeholders));
            } catch (RuntimeException e) {
                throw new IllegalStateException("hostile corpus, program " + id + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(programs);
    }

    @SuppressWarnings("unchecked")
    private static Program program(Map<String, Object> entry, String engine, Map<String, String> preludes,
                                   UnaryOperator<String> placeholders) {
        onlyKeys(entry, ENTRY_KEYS, "entry");
        String id = required(entry, "id");
        String attacks = required(entry, "attacks");
        var notes = new ArrayList<String>();
        Gap gap = null;
        Map<String, Object> observed = null;
        if (entry.containsKey("known-gap")) {
            var knownGap = (Map<String, Object>) entry.get("known-gap");
            onlyKeys(knownGap, GAP_KEYS, "known-gap");
            var engines = (List<String>) knownGap.get("engines");
            if (engines == null || engines.isEmpty() || !ENGINES.containsAll(engines)) {
                throw new IllegalStateException("known-gap needs engines among " + ENGINES);
            }
            String reason = required(knownGap, "reason");
            if (!knownGap.containsKey("observed")) {
                throw new IllegalStateException("known-gap needs the behaviour observed today (observed)");
            }
            if (engines.contains(engine)) {
                gap = new Gap(reason.strip());
                var on = (Map<String, Object>) knownGap.getOrDefault("observed-on", Map.of());
                observed = (Map<String, Object>) on.getOrDefault(engine, knownGap.get("observed"));
            }
        }
        if (entry.containsKey("pair")) {
            var pair = (Map<String, Object>) entry.get("pair");
            onlyKeys(pair, Set.of("first", "second"), "pair");
            Run first = run((Map<String, Object>) pair.get("first"), engine, preludes, placeholders, notes,
                    observed == null ? null : (Map<String, Object>) observed.get("first"));
            Run second = run((Map<String, Object>) pair.get("second"), engine, preludes, placeholders, notes,
                    observed == null ? null : (Map<String, Object>) observed.get("second"));
            double overlap = ((Number) entry.getOrDefault("overlap", 1.0)).doubleValue();
            return new Program(id, attacks, first, second, overlap, true, null, gap, List.copyOf(notes));
        }
        Run run = run(entry, engine, preludes, placeholders, notes, observed);
        String gone = (String) entry.get("host-processes-gone");
        if (gone != null && (gone.isEmpty() || gone.length() > 15)) {
            // The kernel keeps 15 characters of a name: a longer one would never be found, and the check would pass unseen.
            throw new IllegalStateException("host-processes-gone must be a name of 1 to 15 characters");
        }
        return new Program(id, attacks, run, null, 0, Boolean.TRUE.equals(entry.get("exclusive")), gone, gap,
                List.copyOf(notes));
    }

    @SuppressWarnings("unchecked")
    private static Run run(Map<String, Object> side, String engine, Map<String, String> preludes,
                           UnaryOperator<String> placeholders, List<String> notes, Map<String, Object> observed) {
        if (side == null) {
            throw new IllegalStateException("a pair needs first and second");
        }
        if (!side.containsKey("id")) {
            onlyKeys(side, SIDE_KEYS, "pair side");
        }
        String language = required(side, "language");
        String code = required(side, "code");
        if (side.containsKey("prelude")) {
            String prelude = preludes.get((String) side.get("prelude"));
            if (prelude == null) {
                throw new IllegalStateException("no prelude " + side.get("prelude"));
            }
            code = prelude + code;
        }
        var expect = new LinkedHashMap<String, Object>((Map<String, Object>) side.getOrDefault("expect", Map.of()));
        onlyKeys(expect, EXPECT_KEYS, "expect");
        for (String name : ENGINES) {
            if (!side.containsKey(name)) {
                continue;
            }
            var override = (Map<String, Object>) side.get(name);
            onlyKeys(override, OVERRIDE_KEYS, name);
            String why = required(override, "why");
            var replacing = (Map<String, Object>) override.getOrDefault("expect", Map.of());
            onlyKeys(replacing, EXPECT_KEYS, name + ".expect");
            if (name.equals(engine)) {
                expect.putAll(replacing);
                notes.add(why.strip());
            }
        }
        if (observed != null) {
            onlyKeys(observed, EXPECT_KEYS, "known-gap observed");
            expect = new LinkedHashMap<>(observed);
        }
        var args = new ArrayList<String>();
        for (Object arg : (List<Object>) side.getOrDefault("args", List.of())) {
            args.add(expand(String.valueOf(arg), placeholders));
        }
        if (side.containsKey("args-repeat")) {
            var repeat = (List<Object>) side.get("args-repeat");
            for (int i = 0; i < ((Number) repeat.get(0)).intValue(); i++) {
                args.add(String.valueOf(repeat.get(1)));
            }
        }
        String stdin = side.containsKey("stdin") ? expand((String) side.get("stdin"), placeholders) : null;
        double timeout = ((Number) side.getOrDefault("timeout", DEFAULT_TIMEOUT)).doubleValue();
        Integer memory = (Integer) side.get("memory");
        return new Run(language, expand(code, placeholders), stdin, List.copyOf(args), timeout, memory,
                expectation(expect, timeout));
    }

    @SuppressWarnings("unchecked")
    private static Expectation expectation(Map<String, Object> e, double timeout) {
        var patterns = ((List<String>) e.getOrDefault("matches", List.of())).stream()
                .map(regex -> Pattern.compile(regex, Pattern.MULTILINE)).toList();
        return new Expectation(
                ((Number) e.getOrDefault("http", 200)).intValue(),
                List.copyOf((List<String>) e.getOrDefault("status", List.of("OK"))),
                (Integer) e.get("exit-code"),
                (String) e.get("signal"),
                (Boolean) e.get("truncated"),
                (String) e.get("output"),
                strings(e.get("contains")),
                strings(e.get("not-contains")),
                patterns,
                strings(e.get("stderr-contains")),
                ((Number) e.getOrDefault("max-seconds", timeout + 4)).doubleValue());
    }

    /** Placeholders the test fills in, then {@code ${repeat:<count>:<text>}}. */
    private static String expand(String text, UnaryOperator<String> placeholders) {
        String filled = placeholders.apply(text);
        Matcher repeat = REPEAT.matcher(filled);
        var out = new StringBuilder();
        while (repeat.find()) {
            repeat.appendReplacement(out, Matcher.quoteReplacement(repeat.group(2).repeat(Integer.parseInt(repeat.group(1)))));
        }
        repeat.appendTail(out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : ((List<Object>) value).stream().map(String::valueOf).toList();
    }

    private static String required(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalStateException("missing " + key);
        }
        return text;
    }

    private static String string(Map<String, Object> map, String key, String otherwise) {
        Object value = map.get(key);
        return value instanceof String text ? text : otherwise;
    }

    private static void onlyKeys(Map<String, Object> map, Set<String> allowed, String where) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalStateException("unknown key " + key + " in " + where + " (allowed: " + allowed + ")");
            }
        }
    }
}
