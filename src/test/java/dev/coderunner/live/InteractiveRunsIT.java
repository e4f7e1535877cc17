package dev.coderunner.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.coderunner.support.Api;
import dev.coderunner.support.LiveClient;
import dev.coderunner.support.SandboxIntegrationTest;

/** Interactive runs over /ws/execute on the engine under test: stdin as it is typed, signals, idleness, departure. */
// 5 s: under gVisor on a loaded 2-core CI machine, a Python answering typed input once went quiet for 3 s.
@TestPropertySource(properties = "code-runner.live.idle-timeout=5s")
class InteractiveRunsIT extends SandboxIntegrationTest {

    @Test
    void aPythonProgramAsksTwoQuestionsAndAnswersEachAsSoonAsItIsAnswered() throws Exception {
        try (var client = LiveClient.connect(port())) {
            client.send(Map.of("language", "python", "code", """
                    name = input("Your name? ")
                    print(f"Hello, {name}!")
                    age = int(input("Your age? "))
                    print(f"Next year you will be {age + 1}.")
                    """));

            assertThat(client.next().type()).isEqualTo("started");
            client.awaitStdout("Your name? ");
            client.stdin("Ada\n");
            client.awaitStdout("Your age? ");
            assertThat(client.seen()).anySatisfy(event -> assertThat(event.data()).contains("Hello, Ada!"));
            client.stdin("36\n");
            client.awaitStdout("Next year you will be 37.");
            var result = client.end();

            assertThat(result.type()).as(result.body().toString()).isEqualTo("result");
            assertThat(result.body().path("status").asString()).isEqualTo("OK");
            assertThat(result.body().path("stdout").asString())
                    .isEqualTo("Your name? Hello, Ada!\nYour age? Next year you will be 37.\n");
            assertThat(client.closeCode()).isEqualTo(1000);
        }
    }

    /** No fflush in the program: a live run's C stdout is line-buffered, as on a terminal. */
    @Test
    void aCProgramReadsLineByLineAndAnswersEachLineBeforeTheNextIsSent() throws Exception {
        try (var client = LiveClient.connect(port())) {
            client.send(Map.of("language", "c", "code", """
                    #include <ctype.h>
                    #include <stdio.h>
                    int main(void) {
                        char line[256];
                        int n = 0;
                        while (fgets(line, sizeof line, stdin)) {
                            for (char *c = line; *c; c++) *c = toupper((unsigned char) *c);
                            printf("%d: %s", ++n, line);
                        }
                        printf("bye after %d\\n", n);
                        return 0;
                    }
                    """));

            client.until("stage");
            client.until("stage");
            client.stdin("hello\n");
            client.awaitStdout("1: HELLO\n");
            client.stdin("world\n");
            client.awaitStdout("2: WORLD\n");
            client.send(Map.of("type", "stdin_close"));
            client.awaitStdout("bye after 2\n");
            var result = client.end();

            assertThat(result.body().path("status").asString()).as(result.body().toString()).isEqualTo("OK");
            assertThat(result.body().path("exit_code").asInt()).isZero();
        }
    }

    @Test
    void sigintRaisesKeyboardInterruptInPython() throws Exception {
        try (var client = LiveClient.connect(port())) {
            client.send(Map.of("language", "python", "timeout", 20, "code", """
                    import time
                    try:
                        print("waiting", flush=True)  # inside: a SIGINT right after it still meets the handler
                        time.sleep(20)
                    except KeyboardInterrupt:
                        print("caught KeyboardInterrupt", flush=True)
                        raise
                    """));
            client.awaitStdout("waiting");
            long sent = System.nanoTime();
            client.send(Map.of("type", "signal", "signal", "SIGINT"));
            var result = client.end();

            assertThat(result.body().path("stdout").asString()).as(result.body().toString())
                    .isEqualTo("waiting\ncaught KeyboardInterrupt\n");
            assertThat(result.body().path("stderr").asString()).contains("KeyboardInterrupt");
            assertThat(result.body().path("status").asString()).isEqualTo("RUNTIME_ERROR");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aRunWithNeitherInputNorOutputPastTheIdleTimeoutIsEnded() throws Exception {
        try (var client = LiveClient.connect(port())) {
            long sent = System.nanoTime();
            client.send(Map.of("language", "python", "timeout", 25, "code", "print('ready', flush=True)\ninput()\n"));
            var result = client.end();

            assertThat(result.body().path("status").asString()).as(result.body().toString()).isEqualTo("TIMEOUT");
            assertThat(result.body().path("reason").asString()).contains("INTERACTIVE_IDLE_TIMEOUT");
            assertThat(result.body().path("stdout").asString()).isEqualTo("ready\n");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void aClientThatGoesAwayEndsItsRun() throws Exception {
        var client = LiveClient.connect(port());
        client.send(Map.of("language", "python", "timeout", 25, "code", """
                import time
                while True:
                    print("still here", flush=True)
                    time.sleep(0.5)
                """));
        client.awaitStdout("still here");
        assertThat(running()).isEqualTo(1);

        client.abort();

        await().atMost(Duration.ofSeconds(10)).until(() -> running() == 0);
    }

    private int running() {
        return api.get("/health", Api.KEY).body().path("running").asInt();
    }
}
