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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures one target: either the service over HTTP ({@code http <url> <key> <label>}) or a
 * reference command per request ({@code spawn <label> <language> <command...>}, where {@code {code}}
 * in the command is replaced by the program). For each language it measures sequential latency
 * (p50/p95/p99) and throughput with 1, 4 and 8 clients, and appends JSON lines to the results file.
 * Run by scripts/benchmark.sh, which starts the service per engine and prints the comparison.
 */
public class Benchmark {

    static final Map<String, String> HELLO = Map.of(
            "python", "print('Hello World')",
            "javascript", "console.log('Hello World')",
            "c", "#include <stdio.h>\nint main(void) { puts(\"Hello World\"); return 0; }");
    static final int WARMUP = 3;
    static final int SEQUENTIAL = Integer.getInteger("bench.sequential", 20);
    static final int[] CLIENTS = {1, 4, 8};
    static final int PER_CLIENT = Integer.getInteger("bench.perClient", 6);

    interface Target {
        /** Runs hello world once; throws if the answer is not "Hello World". */
        void run(String language) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(System.getProperty("bench.out", "target/benchmark/results.jsonl"));
        Files.createDirectories(results.getParent());
        List<String> languages = List.of(System.getProperty("bench.languages", "python,javascript,c").split(","));
        if (args[0].equals("report")) {
            report(results, Path.of(args[1]));
            return;
        }
        String label;
        Target target;
        if (args[0].equals("http")) {
            label = args[3];
            target = http(args[1], args[2]);
        } else {
            label = args[1];
            List<String> command = List.of(args).subList(3, args.length);
            languages = List.of(args[2]);
            target = language -> spawn(command, HELLO.get(language));
        }
        for (String language : languages) {
            measure(label, language, target, results);
        }
    }

    static void measure(String label, String language, Target target, Path results) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            target.run(language);
        }
        var latencies = new ArrayList<Double>();
        for (int i = 0; i < SEQUENTIAL; i++) {
            long start = System.nanoTime();
            target.run(language);
            latencies.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(latencies);
        var line = new StringBuilder(String.format(Locale.ROOT,
                "{\"target\":\"%s\",\"language\":\"%s\",\"p50_ms\":%.1f,\"p95_ms\":%.1f,\"p99_ms\":%.1f",
                label, language, percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99)));
        for (int clients : CLIENTS) {
            line.append(String.format(Locale.ROOT, ",\"rps_%d\":%.2f", clients, throughput(target, language, clients)));
        }
        line.append("}\n");
        System.out.print(line);
        Files.writeString(results, line, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    static double throughput(Target target, String language, int clients) throws Exception {
        int total = clients * PER_CLIENT;
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            var tasks = new ArrayList<Callable<Void>>();
            for (int c = 0; c < clients; c++) {
                tasks.add(() -> {
                    for (int i = 0; i < PER_CLIENT; i++) {
                        target.run(language);
                    }
                    return null;
                });
            }
            long start = System.nanoTime();
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Prints every target against the floor (bare spawn) of the same language, and writes JSON. */
    static void report(Path results, Path json) throws IOException {
        var rows = Files.readAllLines(results).stream().filter(line -> !line.isBlank()).map(Benchmark::parse).toList();
        var out = new StringBuilder("| language | target | p50 ms | p95 ms | p99 ms | req/s 1 | req/s 4 | req/s 8 | p50 / floor | req/s 8 / floor |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (var row : rows) {
            var floor = rows.stream().filter(r -> r.get("target").equals("floor") && r.get("language").equals(row.get("language")))
                    .findFirst().orElse(row);
            out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.1f | %.1f | %.1f | %.2f× | %.0f%% |%n",
                    row.get("language"), row.get("target"), num(row, "p50_ms"), num(row, "p95_ms"), num(row, "p99_ms"),
                    num(row, "rps_1"), num(row, "rps_4"), num(row, "rps_8"), num(row, "p50_ms") / num(floor, "p50_ms"),
                    100 * num(row, "rps_8") / num(floor, "rps_8")));
        }
        System.out.print(out);
        Files.writeString(json, "[\n" + String.join(",\n", Files.readAllLines(results).stream()
                .filter(line -> !line.isBlank()).toList()) + "\n]\n");
    }

    static Map<String, String> parse(String line) {
        var map = new java.util.LinkedHashMap<String, String>();
        for (String pair : line.strip().replaceAll("^\\{|\\}$", "").split(",")) {
            String[] kv = pair.split(":", 2);
            map.put(kv[0].replace("\"", ""), kv[1].replace("\"", ""));
        }
        return map;
    }

    static double num(Map<String, String> row, String key) {
        return Double.parseDouble(row.get(key));
    }

    static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static Target http(String url, String key) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return language -> {
            String body = "{\"language\":\"" + language + "\",\"code\":" + json(HELLO.get(language)) + "}";
            var request = HttpRequest.newBuilder(URI.create(url + "/execute"))
                    .header("Content-Type", "application/json").header("X-API-Key", key)
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            while (true) {
                var response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 429) {
                    // Shed load is part of the design; a benchmark client retries as a real one would.
                    Thread.sleep(Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")) * 100);
                    continue;
                }
                if (response.statusCode() != 200 || !response.body().contains("\"output\":\"Hello World\\n\"")) {
                    throw new IllegalStateException("unexpected answer " + response.statusCode() + ": " + response.body());
                }
                return;
            }
        };
    }

    static void spawn(List<String> template, String code) throws IOException, InterruptedException {
        var command = template.stream().map(arg -> arg.replace("{code}", code)).toList();
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The runtime's own environment, as in the sandbox: nothing of the caller's.
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        builder.environment().put("LANG", "C.UTF-8");
        var process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0 || !output.equals("Hello World\n")) {
            throw new IllegalStateException("reference command failed: " + output);
        }
    }

    static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
