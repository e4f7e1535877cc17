package dev.coderunner.compat.piston;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.coderunner.support.Api;
import dev.coderunner.support.EngineIndependent;
import dev.coderunner.support.LiveClient;
import dev.coderunner.support.LiveClient.Event;
import dev.coderunner.support.SandboxIntegrationTest;

/**
 * Piston's WebSocket, {@code /api/v2/connect}, through a real client: what a run sends, stdin and
 * signals as it runs, and each of Piston's close codes. Keyless connections are charged to
 * piston-guests, which may have one run at a time.
 */
@TestPropertySource(properties = {"API_KEYS_FILE=src/test/resources/keys/piston-connect-keys.yml",
        "code-runner.compat.piston.anonymous-key=piston-guests",
        "code-runner.live.idle-timeout=5s", "code-runner.live.stdin-limit=8KB"})
class PistonConnectIT extends SandboxIntegrationTest {

    private static final String PATH = "/api/v2/connect";
    private static final String ECHO = "while True:\n    print(input(), flush=True)\n";
    private static final String CHATTY = "import time\nwhile True:\n    print('still here', flush=True)\n    time.sleep(0.5)\n";

    private LiveClient connect() {
        return LiveClient.connect(port(), PATH, Map.of("X-API-Key", Api.KEY));
    }

    private static Map<String, Object> init(String language, String code, Object... more) {
        var init = new LinkedHashMap<String, Object>(Map.of("type", "init", "language", language, "version", "*",
                "files", List.of(Map.of("content", code))));
        for (int i = 0; i < more.length; i += 2) {
            init.put((String) more[i], more[i + 1]);
        }
        return init;
    }

    private static Map<String, Object> stdin(String text) {
        return Map.of("type", "data", "stream", "stdin", "data", text);
    }

    /** Takes events until the stream's data (all of it since the call) contains the text. */
    private static String awaitData(LiveClient client, String stream, String text) throws InterruptedException {
        var out = new StringBuilder();
        while (!out.toString().contains(text)) {
            Event event = client.next();
            boolean ended = event.type().equals("error") || event.type().equals("exit") && event.body().path("stage").asString().equals("run");
            assertThat(ended).as("ended before %s showed '%s': %s", stream, text, client.seen()).isFalse();
            if (event.type().equals("data") && event.body().path("stream").asString().equals(stream)) {
                out.append(event.data());
            }
        }
        return out.toString();
    }

    private static String data(List<Event> events, String stream) {
        var out = new StringBuilder();
        events.stream().filter(event -> event.type().equals("data") && event.body().path("stream").asString().equals(stream))
                .forEach(event -> out.append(event.data()));
        return out.toString();
    }

    private static List<String> types(List<Event> events) {
        return events.stream().map(event -> event.type().equals("stage") || event.type().equals("exit")
                ? event.type() + " " + event.body().path("stage").asString() : event.type())
                .filter(type -> !type.equals("data")).toList();
    }

    private int running() {
        return api.get("/health", Api.KEY).body().path("running").asInt();
    }

    @Test
    void aPythonProgramReadsWhatIsTypedAndTheJobEndsWithPistonsMessagesAndClose() throws Exception {
        try (var client = connect()) {
            client.send(init("python", "name = input('name? ')\nprint('hello ' + name)\n", "stdin", "discarded\n"));

            Event runtime = client.next();
            assertThat(runtime.type()).isEqualTo("runtime");
            assertThat(runtime.body().path("language").asString()).isEqualTo("python");
            assertThat(runtime.body().path("version").asString()).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(client.next().body().toString()).isEqualTo("{\"type\":\"stage\",\"stage\":\"run\"}");
            awaitData(client, "stdout", "name? ");
            client.send(stdin("Ada\n"));
            List<Event> rest = client.untilClosed();

            assertThat(data(rest, "stdout")).as("the init's stdin is discarded, as Piston does").isEqualTo("hello Ada\n");
            assertThat(data(client.seen(), "stderr")).isEmpty();
            assertThat(types(rest)).containsExactly("exit run");
            assertThat(rest.getLast().body().toString()).isEqualTo("{\"type\":\"exit\",\"stage\":\"run\",\"code\":0,\"signal\":null}");
            assertThat(client.closeCode()).isEqualTo(4999);
            assertThat(client.closeReason()).isEqualTo("Job Completed");
        }
    }

    @Test
    void sigintRaisesKeyboardInterrupt() throws Exception {
        try (var client = connect()) {
            client.send(init("python", """
                    import time
                    try:
                        print("waiting", flush=True)  # inside: a SIGINT right after it still meets the handler
                        time.sleep(20)
                    except KeyboardInterrupt:
                        print("caught KeyboardInterrupt", flush=True)
                        raise SystemExit(3)
                    """, "run_timeout", 25_000));
            awaitData(client, "stdout", "waiting\n");
            long sent = System.nanoTime();
            client.send(Map.of("type", "signal", "signal", "SIGINT"));
            List<Event> rest = client.untilClosed();

            assertThat(data(rest, "stdout")).isEqualTo("caught KeyboardInterrupt\n");
            assertThat(rest.getLast().body().toString()).isEqualTo("{\"type\":\"exit\",\"stage\":\"run\",\"code\":3,\"signal\":null}");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(10));
            assertThat(client.closeCode()).isEqualTo(4999);
        }
    }

    @Test
    void aProgramEndedBySigtermExitsWithTheSignalsNameAndNoCode() throws Exception {
        try (var client = connect()) {
            client.send(init("python", "import time\nprint('waiting', flush=True)\ntime.sleep(20)\n", "run_timeout", 25_000));
            awaitData(client, "stdout", "waiting\n");
            client.send(Map.of("type", "signal", "signal", "SIGTERM"));
            List<Event> rest = client.untilClosed();

            assertThat(rest.getLast().body().toString()).isEqualTo("{\"type\":\"exit\",\"stage\":\"run\",\"code\":null,\"signal\":\"SIGTERM\"}");
            assertThat(client.closeCode()).isEqualTo(4999);
        }
    }

    @Test
    void aCompileErrorEndsTheJobAtTheCompileStage() throws Exception {
        try (var client = connect()) {
            client.send(init("c", "int main(void) { return missing; }"));
            List<Event> events = client.untilClosed();

            assertThat(types(events)).containsExactly("runtime", "stage compile", "exit compile");
            assertThat(data(events, "stderr")).contains("missing");
            Event exit = events.getLast();
            assertThat(exit.body().path("code").asInt()).as(exit.body().toString()).isNotZero();
            assertThat(exit.body().get("signal").isNull()).isTrue();
            assertThat(client.closeCode()).isEqualTo(4999);
        }
    }

    @Test
    void aCompiledProgramExitsItsCompileStageThenRunsInteractively() throws Exception {
        try (var client = connect()) {
            client.send(init("c", """
                    #include <stdio.h>
                    int main(void) {
                        char line[64];
                        printf("ready\\n");
                        fflush(stdout);
                        if (fgets(line, sizeof line, stdin)) printf("got %s", line);
                        return 0;
                    }
                    """));
            awaitData(client, "stdout", "ready\n");
            client.send(stdin("x\n"));
            List<Event> rest = client.untilClosed();

            assertThat(types(client.seen())).containsExactly("runtime", "stage compile", "exit compile", "stage run", "exit run");
            assertThat(client.seen().get(2).body().toString())
                    .isEqualTo("{\"type\":\"exit\",\"stage\":\"compile\",\"code\":0,\"signal\":null}");
            assertThat(data(rest, "stdout")).isEqualTo("got x\n");
            assertThat(rest.getLast().body().path("code").asInt()).isZero();
        }
    }

    @Test
    void aClientThatGoesAwayEndsItsRun() throws Exception {
        var client = connect();
        client.send(init("python", CHATTY, "run_timeout", 25_000));
        awaitData(client, "stdout", "still here\n");

        client.abort();

        await().atMost(Duration.ofSeconds(10)).until(() -> running() == 0);
    }

    @Test
    void aRunWithNeitherInputNorOutputPastTheIdleTimeoutIsKilledAsATimeoutIs() throws Exception {
        try (var client = connect()) {
            long sent = System.nanoTime();
            client.send(init("python", "print('ready', flush=True)\ninput()\n", "run_timeout", 25_000));
            List<Event> events = client.untilClosed();

            assertThat(data(events, "stdout")).isEqualTo("ready\n");
            assertThat(events.getLast().body().toString()).isEqualTo("{\"type\":\"exit\",\"stage\":\"run\",\"code\":null,\"signal\":\"SIGKILL\"}");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(15));
            assertThat(client.closeCode()).isEqualTo(4999);
        }
    }

    @Test
    @EngineIndependent
    void dataOrASignalBeforeTheInitCloses4003() {
        try (var client = connect()) {
            client.send(stdin("too early\n"));
            assertThat(client.closeCode()).isEqualTo(4003);
            assertThat(client.closeReason()).isEqualTo("Not yet initialized");
        }
        try (var client = connect()) {
            client.send(Map.of("type", "signal", "signal", "SIGINT"));
            assertThat(client.closeCode()).isEqualTo(4003);
        }
    }

    @Test
    @EngineIndependent
    void aSecondInitCloses4000AndEndsTheRun() throws Exception {
        try (var client = connect()) {
            client.send(init("python", CHATTY, "run_timeout", 25_000));
            awaitData(client, "stdout", "still here\n");
            client.send(init("python", "print(2)"));

            assertThat(client.closeCode()).isEqualTo(4000);
            assertThat(client.closeReason()).isEqualTo("Already Initialized");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> running() == 0);
    }

    @Test
    @EngineIndependent
    void writingAnyStreamButStdinCloses4004() throws Exception {
        try (var client = connect()) {
            client.send(init("python", ECHO));
            client.send(Map.of("type", "data", "stream", "stdout", "data", "x"));

            assertThat(client.closeCode()).isEqualTo(4004);
            assertThat(client.closeReason()).isEqualTo("Can only write to stdin");
        }
    }

    @Test
    @EngineIndependent
    void pistonsOtherSignalsAreDroppedAndAnUnknownOneCloses4005() throws Exception {
        try (var client = connect()) {
            client.send(init("python", ECHO));
            client.send(Map.of("type", "signal", "signal", "SIGWINCH"));
            client.send(Map.of("type", "signal", "signal", "SIGUSR1"));
            client.send(stdin("still running\n"));
            awaitData(client, "stdout", "still running\n");

            client.send(Map.of("type", "signal", "signal", "SIGFOO"));

            assertThat(client.closeCode()).isEqualTo(4005);
            assertThat(client.closeReason()).isEqualTo("Invalid signal");
        }
    }

    @Test
    @EngineIndependent
    void noInitInTimeCloses4001() {
        long connected = System.nanoTime();
        try (var client = connect()) {
            assertThat(client.closeCode()).isEqualTo(4001);
            assertThat(client.closeReason()).isEqualTo("Initialization Timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - connected)).isGreaterThanOrEqualTo(PistonConnections.INIT_TIMEOUT);
        }
    }

    @Test
    @EngineIndependent
    void aRefusedInitIsAnErrorMessageWithPistonsTextThen4002() {
        for (var refusal : List.of(
                Map.entry("{\"type\": \"init\", \"language\": \"cobol\", \"version\": \"*\", \"files\": [{\"content\": \"x\"}]}",
                        "cobol-* runtime is unknown"),
                Map.entry("{\"type\": \"init\", \"language\": \"python\", \"files\": [{\"content\": \"x\"}], \"run_timeout\": 31000}",
                        "run_timeout cannot exceed the configured limit of 30000"),
                Map.entry("{\"type\": \"init\", \"language\": \"python\"}", "files is required as an array"))) {
            try (var client = connect()) {
                client.sendText(refusal.getKey());
                List<Event> events = client.untilClosed();

                assertThat(events).hasSize(1);
                assertThat(events.getFirst().body().toString()).isEqualTo("{\"type\":\"error\",\"message\":\"" + refusal.getValue() + "\"}");
                assertThat(client.closeCode()).isEqualTo(4002);
                assertThat(client.closeReason()).isEqualTo("Notified Error");
            }
        }
        try (var client = connect()) {
            client.sendText("{\"type\": \"init\", ");
            assertThat(client.untilClosed().getFirst().body().path("message").asString()).startsWith("the message is not valid JSON");
            assertThat(client.closeCode()).isEqualTo(4002);
        }
    }

    @Test
    @EngineIndependent
    void stdinPastTheInteractiveLimitIsAnErrorAndEndsTheRun() throws Exception {
        try (var client = connect()) {
            client.send(init("python", CHATTY, "run_timeout", 25_000));
            awaitData(client, "stdout", "still here\n");
            client.send(stdin("x".repeat(5 * 1024)));
            client.send(stdin("x".repeat(5 * 1024)));
            List<Event> rest = client.untilClosed();

            assertThat(rest.getLast().body().path("message").asString()).as(rest.toString())
                    .isEqualTo("more stdin than the 8192 bytes a run may be sent (INTERACTIVE_STDIN_LIMIT)");
            assertThat(client.closeCode()).isEqualTo(4002);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> running() == 0);
    }

    @Test
    @EngineIndependent
    void anInitAsLargeAsAnExecuteBodyIsReadWhole() throws Exception {
        try (var client = connect()) {
            client.send(init("python", "# " + "x".repeat(200_000) + "\nprint('whole')\n"));
            List<Event> events = client.untilClosed();

            assertThat(data(events, "stdout")).as(events.toString()).isEqualTo("whole\n");
            assertThat(client.closeCode()).isEqualTo(4999);
        }
    }

    @Test
    @EngineIndependent
    void theUpgradeTakesKeysAsTheRestApiDoesAndKeylessOnesAreChargedToTheAnonymousKey() throws Exception {
        assertThat(LiveClient.refusedStatus(port(), PATH, Map.of("X-API-Key", "wrong"))).isEqualTo(401);
        assertThat(LiveClient.refusedStatus(port(), PATH, Map.of("Authorization", "Bearer " + Api.KEY))).isEqualTo(101);
        assertThat(LiveClient.refusedStatus(port(), PATH, Map.of("X-Auth-Token", Api.KEY))).isEqualTo(101);
        try (var client = LiveClient.connect(port(), PATH, Map.of())) {
            client.send(init("python", "print('guest')"));
            List<Event> events = client.untilClosed();

            assertThat(data(events, "stdout")).as(events.toString()).isEqualTo("guest\n");
            assertThat(client.closeCode()).isEqualTo(4999);
        }
    }

    @Test
    @EngineIndependent
    void aKeysConcurrentRunsQuotaCountsItsConnections() throws Exception {
        try (var first = LiveClient.connect(port(), PATH, Map.of());
             var second = LiveClient.connect(port(), PATH, Map.of())) {
            first.send(init("python", CHATTY, "run_timeout", 25_000));
            awaitData(first, "stdout", "still here\n");

            second.send(init("python", "print('second')"));
            List<Event> refused = second.untilClosed();

            assertThat(refused).hasSize(1);
            assertThat(refused.getFirst().body().path("message").asString())
                    .isEqualTo("key piston-guests already has 1 runs executing or queued, its limit");
            assertThat(second.closeCode()).isEqualTo(4002);
        }
    }
}
