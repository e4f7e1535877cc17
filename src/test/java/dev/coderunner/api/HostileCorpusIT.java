package dev.coderunner.api;

import static dev.coderunner.support.Api.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

import dev.coderunner.support.Api;
import dev.coderunner.support.HostileCorpus;
import dev.coderunner.support.HostileCorpus.Expectation;
import dev.coderunner.support.HostileCorpus.Program;
import dev.coderunner.support.HostileCorpus.Run;
import dev.coderunner.support.SandboxIntegrationTest;

/**
 * The hostile corpus ({@code src/test/resources/hostile/programs.yml}) through HTTP on the engine
 * under test: every program is its own test, asserting its outcome on this engine and that a
 * trivial run right after it answers correctly. Programs that need the machine to themselves
 * (the pairs of concurrent sandboxes, host-wide limits) run first, one at a time; the rest run a
 * few at a time, within the admitted run slots, each test waiting for its own program's answer.
 *
 * <p>Every answer is also searched for the service's secrets: the API key, and the canary
 * variables the failsafe configuration gives this JVM (the service's environment), which no
 * program may ever see. Known gaps are asserted as the harmless behaviour observed today and
 * listed in {@code target/hostile-corpus/<engine>.txt} with the outcome of every program.
 */
class HostileCorpusIT extends SandboxIntegrationTest {

    /** Set by the failsafe configuration (pom.xml): present in the service's environment only. */
    private static final List<String> CANARY_VARIABLES = List.of("EXECUTION_API_KEY", "HOSTILE_CORPUS_CANARY");
    /**
     * Runners besides the exclusive programs: the test service's four run slots. Each runner makes
     * one request at a time (its program, then the health run), so none has to queue.
     */
    private static final int CONCURRENT = 4;
    private static final Pattern WINDOW_START = Pattern.compile("^window-start (\\d+(?:\\.\\d+)?)$", Pattern.MULTILINE);
    private static final Pattern WINDOW_END = Pattern.compile("^window-end (\\d+(?:\\.\\d+)?)$", Pattern.MULTILINE);

    private static final ExecutorService RUNNERS = Executors.newFixedThreadPool(CONCURRENT,
            Thread.ofPlatform().daemon().name("hostile-", 0).factory());
    private static final ExecutorService PAIRS = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().daemon().name("hostile-pair-", 0).factory());
    private static final Map<String, String> REPORT = Collections.synchronizedMap(new LinkedHashMap<>());

    /** One run's answer, how long the request took, and the health run made right after it. */
    record Answer(Api.Reply reply, double seconds, Api.Reply health, String healthLanguage) {
    }

    @TestFactory
    Stream<DynamicTest> hostileCorpus() {
        String engine = engineName();
        List<String> secrets = secrets();
        List<Program> programs = HostileCorpus.load(engine, this::placeholders);
        assertThat(programs).as("the corpus").hasSizeGreaterThanOrEqualTo(60);
        var hello = helloPrograms();
        var alone = programs.stream().filter(p -> p.pair() || p.exclusive()).toList();
        var together = programs.stream().filter(p -> !p.pair() && !p.exclusive()).toList();
        var started = new ConcurrentHashMap<String, CompletableFuture<List<Answer>>>();
        Runnable startTogether = () -> {
            for (Program program : together) {
                started.computeIfAbsent(program.id(),
                        id -> CompletableFuture.supplyAsync(() -> List.of(answer(program.first(), hello)), RUNNERS));
            }
        };
        return Stream.concat(
                alone.stream().map(program -> dynamicTest(title(program), () ->
                        check(program, program.pair() ? answerPair(program, hello) : List.of(answer(program.first(), hello)),
                                engine, secrets))),
                together.stream().map(program -> dynamicTest(title(program), () -> {
                    startTogether.run();
                    check(program, started.get(program.id()).join(), engine, secrets);
                })));
    }

    @AfterAll
    static void writeReport() throws IOException {
        RUNNERS.shutdownNow();
        PAIRS.shutdownNow();
        Path dir = Path.of("target", "hostile-corpus");
        Files.createDirectories(dir);
        var lines = new ArrayList<String>();
        lines.add("# HostileCorpusIT on " + engineName() + ": id, outcome, seconds; this engine's differences; known gaps");
        synchronized (REPORT) {
            REPORT.forEach((id, line) -> lines.add(id + " " + line));
        }
        Files.write(dir.resolve(engineName() + ".txt"), lines);
    }

    private static String engineName() {
        return System.getProperty("test.docker.runtime", "").equals("runsc") ? "gvisor" : engine();
    }

    private static String title(Program program) {
        return program.id() + (program.gap() != null ? " [known gap]" : "") + ": " + program.attacks();
    }

    /** The program's run, then a trivial run in the same language (Python after a compiled one). */
    private Answer answer(Run run, Map<String, String> hello) {
        long start = System.nanoTime();
        Api.Reply reply = api.execute(body(run));
        double seconds = (System.nanoTime() - start) / 1e9;
        String healthLanguage = hello.containsKey(run.language()) ? run.language() : "python";
        Api.Reply health = api.run(healthLanguage, hello.getOrDefault(run.language(), hello.get("python")));
        return new Answer(reply, seconds, health, healthLanguage);
    }

    /** Both sides submitted together, the first one first; each side polls within its own bounded window. */
    private List<Answer> answerPair(Program program, Map<String, String> hello) {
        var first = CompletableFuture.supplyAsync(() -> answer(program.first(), hello), PAIRS);
        var second = CompletableFuture.supplyAsync(() -> answer(program.second(), hello), PAIRS);
        return List.of(first.join(), second.join());
    }

    private static Map<String, Object> body(Run run) {
        var body = request("language", run.language(), "code", run.code(), "timeout", run.timeout());
        if (run.stdin() != null) {
            body.put("stdin", run.stdin());
        }
        if (!run.args().isEmpty()) {
            body.put("args", run.args());
        }
        if (run.memory() != null) {
            body.put("memory_limit_mb", run.memory());
        }
        return body;
    }

    private void check(Program program, List<Answer> answers, String engine, List<String> secrets) {
        var soft = new SoftAssertions();
        var runs = program.pair() ? List.of(program.first(), program.second()) : List.of(program.first());
        var outcome = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            String side = program.id() + (program.pair() ? (i == 0 ? " (first)" : " (second)") : "") + ": ";
            Answer answer = answers.get(i);
            check(soft, side, runs.get(i).expect(), answer, secrets);
            outcome.append(program.pair() ? (i == 0 ? "first: " : "second: ") : "").append(answer.reply().status() == 200 ? answer.reply().text("status") : "HTTP " + answer.reply().status())
                    .append(' ').append(String.format("%.1fs", answer.seconds())).append("; ");
        }
        if (program.pair()) {
            checkOverlap(soft, program, answers);
        }
        if (program.hostProcessGone() != null) {
            checkGoneFromHost(soft, program.hostProcessGone());
        }
        for (String note : program.engineNotes()) {
            outcome.append("ENGINE DIFFERENCE: ").append(note.replaceAll("\\s+", " ")).append("; ");
        }
        if (program.gap() != null) {
            outcome.append("GAP: ").append(program.gap().reason().replaceAll("\\s+", " "));
            System.out.println("KNOWN GAP " + program.id() + " on " + engine + ": " + program.gap().reason());
        }
        REPORT.put(program.id(), outcome.toString().strip());
        soft.assertAll();
    }

    private static void check(SoftAssertions soft, String side, Expectation expect, Answer answer, List<String> secrets) {
        Api.Reply reply = answer.reply();
        String raw = side + abbreviate(reply.raw());
        for (String secret : secrets) {
            soft.assertThat(reply.raw()).as("%sa secret of the service's in the answer", side).doesNotContain(secret);
        }
        checkHealth(soft, side, answer, secrets);
        if (expect.http() != 200) {
            soft.assertThat(reply.status()).as(raw).isEqualTo(expect.http());
            return;
        }
        soft.assertThat(reply.status()).as("HTTP status: " + raw).isEqualTo(200);
        if (reply.status() != 200) {
            return;
        }
        String output = reply.text("output");
        soft.assertThat(reply.text("status")).as("status: " + raw).isIn(expect.statuses());
        if (expect.exitCode() != null) {
            soft.assertThat(reply.body().path("exit_code").asInt()).as("exit code: " + raw).isEqualTo(expect.exitCode());
        }
        if (expect.signal() != null) {
            soft.assertThat(reply.text("signal")).as("signal: " + raw).isEqualTo(expect.signal());
        }
        if (expect.truncated() != null) {
            soft.assertThat(reply.body().path("truncated").asBoolean()).as("truncated: " + raw).isEqualTo(expect.truncated());
        }
        if (expect.output() != null) {
            soft.assertThat(output).as("output: " + raw).isEqualTo(expect.output());
        }
        for (String text : expect.contains()) {
            soft.assertThat(output).as("output: " + raw).contains(text);
        }
        for (String text : expect.notContains()) {
            soft.assertThat(output).as("output: " + raw).doesNotContain(text);
        }
        for (Pattern pattern : expect.matches()) {
            soft.assertThat(pattern.matcher(output).find()).as("output matching /%s/: %s", pattern, raw).isTrue();
        }
        for (String text : expect.stderrContains()) {
            soft.assertThat(reply.text("stderr")).as("stderr: " + raw).contains(text);
        }
        soft.assertThat(reply.body().path("execution_time").asDouble()).as("execution time: " + raw)
                .isLessThanOrEqualTo(expect.maxSeconds());
    }

    /** The service stays healthy: the next run, right after, answers correctly. */
    private static void checkHealth(SoftAssertions soft, String side, Answer answer, List<String> secrets) {
        Api.Reply health = answer.health();
        soft.assertThat(health.status()).as("%sthe %s run right after: %s", side, answer.healthLanguage(), health.raw())
                .isEqualTo(200);
        soft.assertThat(health.text("status")).as("%sthe %s run right after: %s", side, answer.healthLanguage(), health.raw())
                .isEqualTo("OK");
        soft.assertThat(health.text("output")).as("%sthe %s run right after: %s", side, answer.healthLanguage(), health.raw())
                .isEqualTo("Hello World\n");
    }

    /** Both sides report their window; they must have been alive together, or the probe proves nothing. */
    private static void checkOverlap(SoftAssertions soft, Program program, List<Answer> answers) {
        double[] first = window(answers.get(0).reply().text("output"));
        double[] second = window(answers.get(1).reply().text("output"));
        soft.assertThat(first).as("the first side's window-start/window-end: %s", answers.get(0).reply().raw()).isNotNull();
        soft.assertThat(second).as("the second side's window-start/window-end: %s", answers.get(1).reply().raw()).isNotNull();
        if (first != null && second != null) {
            double overlap = Math.min(first[1], second[1]) - Math.max(first[0], second[0]);
            soft.assertThat(overlap).as("seconds both sides were alive together (first %s, second %s)",
                    List.of(first[0], first[1]), List.of(second[0], second[1])).isGreaterThanOrEqualTo(program.overlap());
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 4000) + "... (" + text.length() + " characters)";
    }

    private static double[] window(String output) {
        Matcher start = WINDOW_START.matcher(output);
        Matcher end = WINDOW_END.matcher(output);
        return start.find() && end.find() ? new double[] {Double.parseDouble(start.group(1)), Double.parseDouble(end.group(1))} : null;
    }

    /**
     * No host process carries the name the program gave the process it meant to outlive its run.
     * Under gVisor the program's processes are the sandbox kernel's, never host processes.
     */
    private static void checkGoneFromHost(SoftAssertions soft, String name) {
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> hostProcessesNamed(name).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            soft.fail("processes named %s outlived the run on the host: %s", name, hostProcessesNamed(name));
        }
    }

    private static List<String> hostProcessesNamed(String name) {
        var found = new ArrayList<String>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(dir -> {
                try {
                    if (Files.readString(dir.resolve("comm")).strip().equals(name)) {
                        found.add(dir.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // The process ended meanwhile.
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private String placeholders(String text) {
        return text.replace("${SERVICE_PORT}", String.valueOf(port()))
                .replace("${HOST_ADDRESSES}", String.join(" ", hostAddresses()));
    }

    /** The host's own addresses other than loopback and link-local ones: what a program must not reach. */
    private static List<String> hostAddresses() {
        var addresses = new ArrayList<String>();
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!network.isUp() || network.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (!address.isLinkLocalAddress() && !address.isLoopbackAddress()) {
                        String text = address.getHostAddress();
                        addresses.add(address instanceof Inet6Address && text.contains("%") ? text.substring(0, text.indexOf('%')) : text);
                    }
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
        assertThat(addresses).as("this host's own addresses, for c-host-addresses").isNotEmpty();
        return addresses;
    }

    /** The API key and the canary variables of the service's environment (failsafe sets them; they must be there). */
    private static List<String> secrets() {
        var secrets = new ArrayList<>(List.of(Api.KEY));
        for (String name : CANARY_VARIABLES) {
            String value = Optional.ofNullable(System.getenv(name)).orElse("");
            assertThat(value).as("the canary variable %s, which the failsafe configuration sets (run this test through "
                    + "Maven)", name).hasSizeGreaterThanOrEqualTo(16);
            secrets.add(value);
        }
        return secrets;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> helloPrograms() {
        try (InputStream in = HostileCorpusIT.class.getResourceAsStream("/conformance/programs.yml")) {
            Map<String, Map<String, Object>> all = new Yaml().load(in);
            var hello = new LinkedHashMap<String, String>();
            for (String interpreted : List.of("python", "javascript", "ruby", "bash")) {
                hello.put(interpreted, (String) all.get(interpreted).get("hello"));
            }
            return hello;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
