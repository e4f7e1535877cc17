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
 * For the service it also records the overhead (answer time minus the program's own run time),
 * the idle memory of the service process ({@code rss <pid> <label>}), and its behaviour at twice
 * the load it admits ({@code overload <url> <key> <label>}).
 * Run by scripts/benchmark.sh, which starts the service per engine and prints the comparison.
 */
public class Benchmark {

    /** A program that prints "Hello World" in a registry language; named by the language, but for pandas. */
    record Program(String language, String code) {
    }

    static final Map<String, Program> PROGRAMS = new java.util.LinkedHashMap<>();
    static {
        PROGRAMS.put("python", new Program("python", "print('Hello World')"));
        PROGRAMS.put("pandas", new Program("python-data",
                "import pandas as pd\ndf = pd.DataFrame({'greeting': ['Hello World']})\nprint(df['greeting'][0])"));
        PROGRAMS.put("javascript", new Program("javascript", "console.log('Hello World')"));
        PROGRAMS.put("typescript", new Program("typescript", "const greeting: string = 'Hello World';\nconsole.log(greeting);"));
        PROGRAMS.put("java", new Program("java",
                "public class Main {\n    public static void main(String[] args) {\n        System.out.println(\"Hello World\");\n    }\n}"));
        PROGRAMS.put("c", new Program("c", "#include <stdio.h>\nint main(void) { puts(\"Hello World\"); return 0; }"));
        PROGRAMS.put("cpp", new Program("cpp", "#include <iostream>\nint main() { std::cout << \"Hello World\" << std::endl; }"));
        PROGRAMS.put("go", new Program("go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"Hello World\") }"));
        PROGRAMS.put("rust", new Program("rust", "fn main() { println!(\"Hello World\"); }"));
        PROGRAMS.put("ruby", new Program("ruby", "puts 'Hello World'"));
        PROGRAMS.put("bash", new Program("bash", "echo 'Hello World'"));
    }
    /** The pause before a "clicked" run: a user reads the last answer, and the pools are full again. */
    static final Duration CLICK_PAUSE = Duration.ofMillis(1500);
    static final int SAMPLES = Integer.getInteger("bench.samples", 8);
    static final Duration OPEN_LOOP_STEP = Duration.ofSeconds(Integer.getInteger("bench.openLoopSeconds", 8));

    /** Runs of each target and language before measuring it (caches, connections). */
    static final int WARMUP = 10;
    static final int JIT_WARMUP_RUNS = 400;
    static final Duration JIT_WARMUP_TIME = Duration.ofSeconds(30);
    static final int SEQUENTIAL = Integer.getInteger("bench.sequential", 20);
    static final Duration IDLE = Duration.ofSeconds(20);
    static final int[] CLIENTS = {1, 4, 8};
    static final int PER_CLIENT = Integer.getInteger("bench.perClient", 6);
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    interface Target {
        /** Runs hello world once; throws if the answer is not "Hello World". Returns the program's own time in ms, or NaN. */
        double run(String language) throws Exception;
    }

    interface Settle {
        /** Waits until the target is idle again (a warm pool refilled), as between two users' clicks. */
        void await(String language) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(System.getProperty("bench.out", "target/benchmark/results.jsonl"));
        Files.createDirectories(results.getParent());
        List<String> languages = List.of(System.getProperty("bench.languages", "python,javascript,c").split(","));
        switch (args[0]) {
            case "report" -> report(results, Path.of(args[1]));
            case "rss" -> {
                // Idle: no request for longer than the service's idle collection interval (15 s).
                Thread.sleep(IDLE.toMillis());
                append(results, String.format(Locale.ROOT, "{\"target\":\"%s\",\"idle_rss_mb\":%.0f}%n",
                        args[2], rssMegabytes(Long.parseLong(args[1]))));
            }
            case "overload" -> overload(args[1], args[2], args[3], results);
            case "settle" -> {
                warmUpService(args[1], args[2]);
                allPoolsFull(args[1], args[2]);
            }
            case "overhead" -> serviceOverhead(args[1], args[2], args[3], results);
            case "languages" -> languages(args[1], args[2], args[3], results);
            case "openloop" -> openLoop(args[1], args[2], args[3], results);
            case "floor" -> {
                List<String> command = List.of(args).subList(2, args.length);
                floor(args[1], command, results);
            }
            case "batch" -> batch(args[1], args[2], args[3], results);
            case "http" -> {
                Target target = http(args[1], args[2]);
                Settle settle = args[3].endsWith("+pool") ? poolRefilled(args[1], args[2]) : language -> { };
                for (String language : languages) {
                    measure(args[3], language, target, settle, results);
                }
            }
            default -> {
                List<String> command = List.of(args).subList(3, args.length);
                measure(args[1], args[2], language -> spawn(command, PROGRAMS.get(language).code()), language -> { }, results);
            }
        }
    }

    static void measure(String label, String language, Target target, Settle settle, Path results) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            target.run(language);
        }
        var latencies = new ArrayList<Double>();
        var overheads = new ArrayList<Double>();
        for (int i = 0; i < SEQUENTIAL; i++) {
            settle.await(language);
            long start = System.nanoTime();
            double programMs = target.run(language);
            double latency = (System.nanoTime() - start) / 1e6;
            latencies.add(latency);
            overheads.add(latency - programMs);
        }
        Collections.sort(latencies);
        Collections.sort(overheads);
        var line = new StringBuilder(String.format(Locale.ROOT,
                "{\"target\":\"%s\",\"language\":\"%s\",\"p50_ms\":%.1f,\"p95_ms\":%.1f,\"p99_ms\":%.1f",
                label, language, percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99)));
        if (!overheads.getFirst().isNaN()) {
            line.append(String.format(Locale.ROOT, ",\"overhead_p50_ms\":%.1f", percentile(overheads, 50)));
        }
        for (int clients : CLIENTS) {
            line.append(String.format(Locale.ROOT, ",\"rps_%d\":%.2f", clients, throughput(target, language, clients)));
        }
        line.append("}\n");
        System.out.print(line);
        append(results, line.toString());
    }

    /**
     * Every program as a user and as an agent meet it: "clicked", a run after a pause with the
     * pools full again, and "back-to-back", runs one after another. Each is warmed up twice first
     * (the JIT of the service, the page cache of the toolchain).
     */
    static void languages(String url, String key, String label, Path results) throws Exception {
        Target target = http(url, key);
        for (String program : programs()) {
            target.run(program);
            target.run(program);
            var clicked = timed(() -> {
                allPoolsFull(url, key);
                Thread.sleep(CLICK_PAUSE);
            }, () -> target.run(program));
            allPoolsFull(url, key);
            var backToBack = timed(() -> { }, () -> target.run(program));
            emit(results, String.format(Locale.ROOT, "{\"target\":\"%s\",\"program\":\"%s\",\"clicked_p50_ms\":%.1f,\"b2b_p50_ms\":%.1f}%n",
                    label, program, percentile(clicked, 50), percentile(backToBack, 50)));
        }
    }

    /** The bare toolchain run of one program, one after another: the floor a sandbox is compared with. */
    static void floor(String program, List<String> command, Path results) throws Exception {
        String code = PROGRAMS.get(program).code();
        spawn(command, code);
        spawn(command, code);
        var latencies = timed(() -> { }, () -> spawn(command, code));
        emit(results, String.format(Locale.ROOT, "{\"target\":\"floor\",\"program\":\"%s\",\"p50_ms\":%.1f}%n",
                program, percentile(latencies, 50)));
    }

    interface Step {
        void run() throws Exception;
    }

    /** {@link #SAMPLES} runs one after another, each after an untimed step; the sorted milliseconds. */
    static List<Double> timed(Step untimed, Step step) throws Exception {
        var latencies = new ArrayList<Double>();
        for (int i = 0; i < SAMPLES; i++) {
            untimed.run();
            long start = System.nanoTime();
            step.run();
            latencies.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(latencies);
        return latencies;
    }

    /** One result: printed, and appended to the results file. */
    static void emit(Path results, String line) throws IOException {
        System.out.print(line);
        append(results, line);
    }

    static List<String> programs() {
        return List.of(System.getProperty("bench.programs", String.join(",", PROGRAMS.keySet())).split(","));
    }

    /**
     * Open-loop load: Python hello world arriving as a Poisson process at each rate in turn (new
     * requests do not wait for earlier answers, as with many independent users), for a fixed time
     * per rate. Reports p50/p99 of the answers and how many were refused (429); stops after the
     * first rate whose p99 passes 1 s, which is reported as the rate the service sustains no more.
     */
    static void openLoop(String url, String key, String label, Path results) throws Exception {
        var random = new java.util.Random(42);
        for (String rate : System.getProperty("bench.rates", "2,4,8,12,16,24,32,48,64").split(",")) {
            double perSecond = Double.parseDouble(rate);
            var ok = Collections.synchronizedList(new ArrayList<Double>());
            var refused = new java.util.concurrent.atomic.AtomicInteger();
            var failed = new java.util.concurrent.atomic.AtomicInteger();
            long end = System.nanoTime() + OPEN_LOOP_STEP.toNanos();
            long next = System.nanoTime();
            try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
                while (next < end) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait));
                    }
                    requests.submit(() -> {
                        long start = System.nanoTime();
                        try {
                            var response = post(url, key, "python");
                            if (response.statusCode() == 429) {
                                refused.incrementAndGet();
                            } else if (response.statusCode() == 200 && response.body().contains("\"output\":\"Hello World\\n\"")) {
                                ok.add((System.nanoTime() - start) / 1e6);
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                        return null;
                    });
                    next += (long) (-Math.log(1 - random.nextDouble()) / perSecond * 1e9);
                }
            }
            var sorted = new ArrayList<>(ok);
            Collections.sort(sorted);
            double p99 = sorted.isEmpty() ? Double.POSITIVE_INFINITY : percentile(sorted, 99);
            String line = String.format(Locale.ROOT, "{\"target\":\"%s\",\"open_loop_rate\":%s,\"answered\":%d,\"refused\":%d,"
                            + "\"failed\":%d,\"p50_ms\":%.1f,\"p99_ms\":%.1f}%n", label, rate, sorted.size(), refused.get(), failed.get(),
                    sorted.isEmpty() ? 0 : percentile(sorted, 50), sorted.isEmpty() ? 0 : p99);
            emit(results, line);
            if (p99 > 1000 || failed.get() > 0) {
                break;
            }
            allPoolsFull(url, key);
        }
    }

    static void append(Path results, String line) throws IOException {
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

    /**
     * Twice the load the service admits (slots plus queue, from /health), every client sending
     * Python hello world back to back without retrying: admitted requests must stay fast and the
     * rest must be refused quickly.
     */
    static void overload(String url, String key, String label, Path results) throws Exception {
        String health = get(url + "/health", key);
        int admitted = intField(health, "max_running") + intField(health, "queue_capacity");
        int clients = 2 * admitted;
        var ok = Collections.synchronizedList(new ArrayList<Double>());
        var refused = Collections.synchronizedList(new ArrayList<Double>());
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            var tasks = new ArrayList<Callable<Void>>();
            for (int c = 0; c < clients; c++) {
                tasks.add(() -> {
                    for (int i = 0; i < PER_CLIENT; i++) {
                        long start = System.nanoTime();
                        int status = post(url, key, "python").statusCode();
                        double ms = (System.nanoTime() - start) / 1e6;
                        (status == 200 ? ok : refused).add(ms);
                        if (status != 200 && status != 429) {
                            throw new IllegalStateException("unexpected status " + status);
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
        }
        Collections.sort(ok);
        Collections.sort(refused);
        String line = String.format(Locale.ROOT,
                "{\"target\":\"%s\",\"overload_clients\":%d,\"admitted\":%d,\"admitted_p50_ms\":%.1f,\"admitted_p99_ms\":%.1f,"
                        + "\"refused\":%d,\"refused_p50_ms\":%.1f,\"refused_p99_ms\":%.1f}%n",
                label, clients, ok.size(), ok.isEmpty() ? 0 : percentile(ok, 50), ok.isEmpty() ? 0 : percentile(ok, 99),
                refused.size(), refused.isEmpty() ? 0 : percentile(refused, 50), refused.isEmpty() ? 0 : percentile(refused, 99));
        emit(results, line);
    }

    /**
     * The service's own cost per request (HTTP, authentication, JSON, validation, the answer):
     * requests naming an unknown language go through all of it and stop before any sandbox. The
     * first 2000 warm the JIT, as in a long-running deployment; the p50 of the next 1000 is kept.
     */
    static void serviceOverhead(String url, String key, String label, Path results) throws Exception {
        String body = "{\"language\":\"no-such-language\",\"code\":\"print(1)\",\"timeout\":5}";
        var request = HttpRequest.newBuilder(URI.create(url + "/execute"))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        var latencies = new ArrayList<Double>();
        for (int i = 0; i < 3000; i++) {
            long start = System.nanoTime();
            int status = CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            if (status != 422) {
                throw new IllegalStateException("expected 422 for an unknown language, got " + status);
            }
            if (i >= 2000) {
                latencies.add((System.nanoTime() - start) / 1e6);
            }
        }
        Collections.sort(latencies);
        String line = String.format(Locale.ROOT, "{\"target\":\"%s\",\"service_overhead_p50_ms\":%.2f}%n",
                label, percentile(latencies, 50));
        emit(results, line);
    }

    /**
     * A class's worth of work at once: one batch of 100 Python submissions, then the time until all
     * are DONE (read back 100 ids at a time every 100 ms), each checked for its own output.
     */
    static void batch(String url, String key, String label, Path results) throws Exception {
        int count = 100;
        var items = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            items.add("{\"language\":\"python\",\"code\":\"print(" + i + " * 3)\"}");
        }
        long start = System.nanoTime();
        var accepted = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/submissions/batch"))
                .header("Content-Type", "application/json").header("X-API-Key", key).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"submissions\":[" + String.join(",", items) + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        var ids = java.util.regex.Pattern.compile("\"id\":\"([^\"]+)\"").matcher(accepted.body()).results()
                .map(m -> m.group(1)).toList();
        if (accepted.statusCode() != 202 || ids.size() != count) {
            throw new IllegalStateException("the batch was not accepted: " + accepted.statusCode() + " " + accepted.body());
        }
        String read;
        while (true) {
            read = get(url + "/submissions?ids=" + String.join(",", ids), key);
            if (read.split("\"state\":\"DONE\"", -1).length - 1 == count) {
                break;
            }
            if (System.nanoTime() - start > Duration.ofMinutes(5).toNanos()) {
                throw new IllegalStateException("not all DONE after 5 minutes: " + read);
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (int i = 0; i < count; i++) {
            if (!read.contains("\"stdout\":\"" + (i * 3) + "\\n\"")) {
                throw new IllegalStateException("submission " + i + " has the wrong output: " + read);
            }
        }
        String line = String.format(Locale.ROOT, "{\"target\":\"%s\",\"batch_100_python_s\":%.2f}%n", label, seconds);
        emit(results, line);
    }

    /** Prints every target against the floor (bare spawn) and the naive design of the same language, and writes JSON. */
    static void report(Path results, Path json) throws IOException {
        var rows = Files.readAllLines(results).stream().filter(line -> !line.isBlank()).map(Benchmark::parse).toList();
        var out = new StringBuilder("| language | target | p50 ms | p95 ms | p99 ms | beyond program p50 ms | req/s 1 | req/s 4 | req/s 8 "
                + "| p50 / floor | req/s 8 / floor | req/s 8 / naive |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (var row : rows) {
            if (!row.containsKey("language")) {
                continue;
            }
            var floor = reference(rows, "floor", row);
            var naive = reference(rows, "docker-run", row);
            out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %s | %.1f | %.1f | %.1f | %.2f× | %.0f%% | %.1f× |%n",
                    row.get("language"), row.get("target"), num(row, "p50_ms"), num(row, "p95_ms"), num(row, "p99_ms"),
                    row.containsKey("overhead_p50_ms") ? row.get("overhead_p50_ms") : "–",
                    num(row, "rps_1"), num(row, "rps_4"), num(row, "rps_8"), num(row, "p50_ms") / num(floor, "p50_ms"),
                    100 * num(row, "rps_8") / num(floor, "rps_8"), num(row, "rps_8") / num(naive, "rps_8")));
        }
        var engines = rows.stream().filter(row -> row.containsKey("clicked_p50_ms")).map(row -> row.get("target")).distinct().toList();
        if (!engines.isEmpty()) {
            out.append("\n| program | floor (bare) p50 ms |");
            engines.forEach(engine -> out.append(" ").append(engine).append(" clicked | back-to-back | clicked / floor |"));
            out.append("\n|---|---|").append("---|---|---|".repeat(engines.size())).append("\n");
            for (String program : PROGRAMS.keySet()) {
                var floor = rows.stream().filter(r -> "floor".equals(r.get("target")) && program.equals(r.get("program"))).findFirst();
                out.append("| ").append(program).append(" | ").append(floor.map(r -> r.get("p50_ms")).orElse("–")).append(" |");
                for (String engine : engines) {
                    var row = rows.stream().filter(r -> engine.equals(r.get("target")) && program.equals(r.get("program"))).findFirst();
                    out.append(row.map(r -> String.format(Locale.ROOT, " %.0f | %.0f | %s |", num(r, "clicked_p50_ms"), num(r, "b2b_p50_ms"),
                            floor.map(f -> String.format(Locale.ROOT, "%.2f×", num(r, "clicked_p50_ms") / num(f, "p50_ms"))).orElse("–")))
                            .orElse(" – | – | – |"));
                }
                out.append("\n");
            }
        }
        if (rows.stream().anyMatch(row -> row.containsKey("open_loop_rate"))) {
            out.append("\n| open loop, Python | arrivals/s | answered | refused | p50 ms | p99 ms |\n|---|---|---|---|---|---|\n");
            rows.stream().filter(row -> row.containsKey("open_loop_rate")).forEach(row -> out.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s |%n", row.get("target"), row.get("open_loop_rate"), row.get("answered"),
                    row.get("refused"), row.get("p50_ms"), row.get("p99_ms"))));
        }
        for (var row : rows) {
            if (row.containsKey("service_overhead_p50_ms")) {
                out.append(String.format(Locale.ROOT, "%nService overhead of %s (HTTP, key, JSON, validation, answer; no sandbox): p50 %s ms",
                        row.get("target"), row.get("service_overhead_p50_ms")));
            }
            if (row.containsKey("batch_100_python_s")) {
                out.append(String.format(Locale.ROOT, "%nBatch of 100 Python submissions, %s: all DONE in %s s",
                        row.get("target"), row.get("batch_100_python_s")));
            }
            if (row.containsKey("idle_rss_mb")) {
                out.append(String.format(Locale.ROOT, "%nIdle memory of %s: %s MB RSS", row.get("target"), row.get("idle_rss_mb")));
            }
            if (row.containsKey("overload_clients")) {
                out.append(String.format(Locale.ROOT, "%nOverload, %s, %s clients (2× slots + queue): %s admitted, p50 %s ms, p99 %s ms; "
                                + "%s refused (429), p50 %s ms, p99 %s ms", row.get("target"), row.get("overload_clients"),
                        row.get("admitted"), row.get("admitted_p50_ms"), row.get("admitted_p99_ms"), row.get("refused"),
                        row.get("refused_p50_ms"), row.get("refused_p99_ms")));
            }
        }
        System.out.println(out);
        Files.writeString(json, "[\n" + String.join(",\n", Files.readAllLines(results).stream()
                .filter(line -> !line.isBlank()).toList()) + "\n]\n");
    }

    static Map<String, String> reference(List<Map<String, String>> rows, String target, Map<String, String> row) {
        return rows.stream().filter(r -> target.equals(r.get("target")) && row.get("language").equals(r.get("language")))
                .findFirst().orElse(row);
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

    static double rssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    static HttpResponse<String> post(String url, String key, String language) throws Exception {
        Program program = PROGRAMS.get(language);
        String body = "{\"language\":\"" + program.language() + "\",\"code\":" + json(program.code()) + ",\"timeout\":30}";
        var request = HttpRequest.newBuilder(URI.create(url + "/execute"))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String get(String url, String key) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", key).timeout(Duration.ofSeconds(10)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    static Target http(String url, String key) {
        return language -> {
            while (true) {
                var response = post(url, key, language);
                if (response.statusCode() == 429) {
                    // Shed load is part of the design; a benchmark client retries as a real one would.
                    Thread.sleep(Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")) * 100);
                    continue;
                }
                if (response.statusCode() != 200 || !response.body().contains("\"output\":\"Hello World\\n\"")) {
                    throw new IllegalStateException("unexpected answer " + response.statusCode() + ": " + response.body());
                }
                var time = java.util.regex.Pattern.compile("\"execution_time\":([0-9.]+)").matcher(response.body());
                return time.find() ? Double.parseDouble(time.group(1)) * 1000 : Double.NaN;
            }
        };
    }

    /** Polls /health until the language's pool is full again (at most 10 s). */
    static Settle poolRefilled(String url, String key) {
        return language -> {
            var pool = java.util.regex.Pattern.compile("\\{\"name\":\"" + language + "\",\"size\":(\\d+),\"idle\":(\\d+)");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                var match = pool.matcher(get(url + "/health", key));
                if (!match.find() || match.group(1).equals(match.group(2))) {
                    return;
                }
                Thread.sleep(5);
            }
        };
    }

    /**
     * Runs Python hello world from 4 clients for up to {@link #JIT_WARMUP_RUNS} runs or
     * {@link #JIT_WARMUP_TIME}: a service that has been up a while has its request path compiled
     * by the JIT, and a freshly started one answers several ms slower until it has.
     */
    static void warmUpService(String url, String key) throws Exception {
        Target target = http(url, key);
        long deadline = System.nanoTime() + JIT_WARMUP_TIME.toNanos();
        var runs = new java.util.concurrent.atomic.AtomicInteger();
        try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
            var tasks = new ArrayList<Callable<Void>>();
            for (int client = 0; client < 4; client++) {
                tasks.add(() -> {
                    while (runs.incrementAndGet() <= JIT_WARMUP_RUNS && System.nanoTime() < deadline) {
                        target.run("python");
                    }
                    return null;
                });
            }
            for (Future<Void> done : clients.invokeAll(tasks)) {
                done.get();
            }
        }
    }

    /** Waits (at most 120 s) until every warm pool reports as many idle sandboxes as its size. */
    static void allPoolsFull(String url, String key) throws Exception {
        var pool = java.util.regex.Pattern.compile("\"size\":(\\d+),\"idle\":(\\d+)");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            var match = pool.matcher(get(url + "/health", key));
            boolean full = true;
            while (match.find()) {
                full &= match.group(1).equals(match.group(2));
            }
            if (full) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("warm pools did not fill within 120 s");
    }

    static int intField(String json, String field) {
        var match = java.util.regex.Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        if (!match.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return Integer.parseInt(match.group(1));
    }

    static double spawn(List<String> template, String code) throws IOException, InterruptedException {
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
        return Double.NaN;
    }

    static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
