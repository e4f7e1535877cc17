import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A soak: a mixed, hostile workload at twice the load the service admits, for a while, against a
 * service scripts/soak.sh started. Each request's answer is checked: a 5xx or a wrong answer is a
 * failure; a 429 is the service shedding load, as it should. Prints requests, status codes,
 * statuses, admitted latency, and the service's memory before and after.
 *
 * <p>Usage: {@code java bench/Soak.java <url> <key> <pid> <seconds>}; exits 1 on any failure or
 * when the service's resident memory grew by more than a quarter.
 */
public class Soak {

    /** One kind of program, and what an honest answer to it says. */
    record Workload(String name, String language, String code, double timeout, List<String> statuses, String output) {
    }

    static final List<Workload> MIX = List.of(
            new Workload("python-hello", "python", "print('Hello World')", 10, List.of("OK"), "Hello World\n"),
            new Workload("c-compiled", "c", "#include <stdio.h>\nint main(void) { printf(\"%d\\n\", 6 * 7); return 0; }",
                    10, List.of("OK"), "42\n"),
            new Workload("timeout", "python", "while True:\n    pass", 1, List.of("TIMEOUT"), null),
            // Near its limit a cgroup may thrash in reclaim before the OOM killer strikes, and under a
            // saturated CPU the deadline can come first: both are honest answers to a memory bomb.
            new Workload("memory-bomb", "python", "x = []\nwhile True:\n    x.append(bytearray(16 * 1024 * 1024))", 10,
                    List.of("MEMORY_LIMIT", "TIMEOUT"), null),
            new Workload("output-flood", "python", "while True:\n    print('x' * 4096)", 10, List.of("OUTPUT_LIMIT"), null),
            new Workload("fork-bomb", "bash", ":(){ :|:& };:", 2, List.of("TIMEOUT", "RUNTIME_ERROR", "MEMORY_LIMIT", "OK"),
                    null));

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String key = args[1];
        long pid = Long.parseLong(args[2]);
        Duration length = Duration.ofSeconds(Long.parseLong(args[3]));

        int admitted = health(url, key).get("max_running");
        int clients = 2 * admitted;
        Duration warmUp = Duration.ofSeconds(Math.min(15, Math.max(5, length.toSeconds() / 4)));
        System.out.printf("Soak: %d clients (twice the %d admitted runs) for %ds, after a %ds warm-up%n", clients,
                admitted, length.toSeconds(), warmUp.toSeconds());
        load(url, key, clients, warmUp, new Tally());
        double rssBefore = rssMegabytes(pid);

        var tally = new Tally();
        load(url, key, clients, length, tally);
        double rssAfter = rssMegabytes(pid);

        tally.print();
        double growth = (rssAfter - rssBefore) / rssBefore;
        System.out.printf(Locale.ROOT, "RSS before %.0f MB, after %.0f MB (%+.0f%%)%n", rssBefore, rssAfter, 100 * growth);
        boolean failed = tally.failures.sum() > 0 || growth > 0.25;
        System.out.println(failed ? "SOAK FAILED" : "SOAK PASSED");
        System.exit(failed ? 1 : 0);
    }

    /** Answers of one phase, by kind. */
    static final class Tally {
        final Map<Integer, LongAdder> codes = new ConcurrentHashMap<>();
        final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
        final List<Long> admittedMillis = Collections.synchronizedList(new ArrayList<>());
        final LongAdder requests = new LongAdder();
        final LongAdder failures = new LongAdder();
        final List<String> failureSamples = Collections.synchronizedList(new ArrayList<>());

        void fail(String why) {
            failures.increment();
            if (failureSamples.size() < 10) {
                failureSamples.add(why);
            }
        }

        void print() {
            var sorted = new ArrayList<>(admittedMillis);
            Collections.sort(sorted);
            System.out.printf("requests %d, HTTP %s, statuses %s%n", requests.sum(), new TreeMap<>(codes),
                    new TreeMap<>(statuses));
            if (!sorted.isEmpty()) {
                System.out.printf("admitted: p50 %d ms, p99 %d ms%n", sorted.get(sorted.size() / 2),
                        sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))));
            }
            long fiveHundreds = codes.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(e -> e.getValue().sum()).sum();
            System.out.printf("5xx %d, wrong answers %d%n", fiveHundreds, failures.sum() - fiveHundreds);
            failureSamples.forEach(sample -> System.out.println("  failure: " + sample));
        }
    }

    static void load(String url, String key, int clients, Duration length, Tally tally) throws InterruptedException {
        long deadline = System.nanoTime() + length.toNanos();
        var next = new AtomicLong();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        Workload workload = MIX.get((int) (next.getAndIncrement() % MIX.size()));
                        once(url, key, workload, tally);
                    }
                    return null;
                });
            }
        }
    }

    static void once(String url, String key, Workload workload, Tally tally) {
        String body = String.format(Locale.ROOT, "{\"language\":\"%s\",\"timeout\":%s,\"code\":%s}", workload.language(),
                workload.timeout(), json(workload.code()));
        long started = System.nanoTime();
        try {
            var response = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/execute"))
                    .timeout(Duration.ofSeconds(90)).header("Content-Type", "application/json").header("X-API-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            tally.requests.increment();
            tally.codes.computeIfAbsent(response.statusCode(), code -> new LongAdder()).increment();
            if (response.statusCode() == 429) {
                return;
            }
            if (response.statusCode() != 200) {
                tally.fail(workload.name() + ": HTTP " + response.statusCode() + " " + response.body());
                return;
            }
            tally.admittedMillis.add((System.nanoTime() - started) / 1_000_000);
            String status = field(response.body(), "status");
            tally.statuses.computeIfAbsent(workload.name() + ":" + status, s -> new LongAdder()).increment();
            if (!workload.statuses().contains(status)
                    || workload.output() != null && !workload.output().equals(field(response.body(), "output"))) {
                tally.fail(workload.name() + ": " + response.body());
            }
        } catch (IOException e) {
            tally.requests.increment();
            tally.fail(workload.name() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The detailed health answer, which only a caller with a key gets. */
    static Map<String, Integer> health(String url, String key) throws IOException, InterruptedException {
        String body = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/health")).header("X-API-Key", key).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return Map.of("max_running", Integer.parseInt(field(body, "max_running")));
    }

    static double rssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for " + pid);
    }

    /** The value of a top-level string or number field of a flat JSON answer; enough for this tool. */
    static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":");
        if (at < 0) {
            return null;
        }
        int start = at + name.length() + 3;
        if (json.charAt(start) == '"') {
            var value = new StringBuilder();
            for (int i = start + 1; i < json.length(); i++) {
                char c = json.charAt(i);
                if (c == '\\') {
                    char escaped = json.charAt(++i);
                    value.append(switch (escaped) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'u' -> {
                            char u = (char) Integer.parseInt(json.substring(i + 1, i + 5), 16);
                            i += 4;
                            yield u;
                        }
                        default -> escaped;
                    });
                } else if (c == '"') {
                    return value.toString();
                } else {
                    value.append(c);
                }
            }
            return value.toString();
        }
        int end = start;
        while (end < json.length() && ",}".indexOf(json.charAt(end)) < 0) {
            end++;
        }
        return json.substring(start, end);
    }

    static String json(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
