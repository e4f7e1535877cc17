package dev.coderunner.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import dev.coderunner.support.Api;
import dev.coderunner.support.EngineIndependent;
import dev.coderunner.support.SandboxIntegrationTest;

/**
 * Clients that send slowly, or too much, are cut off after a bounded time with nothing run, and
 * many of them at once do not keep a normal request from being answered promptly.
 */
@EngineIndependent
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"server.tomcat.connection-timeout=2s", "server.tomcat.keep-alive-timeout=2s",
        "code-runner.api.body-timeout=3s"})
class SlowClientsIT extends SandboxIntegrationTest {

    @Test
    void aClientThatStopsSendingItsHeadersIsCutOff() throws IOException {
        try (var socket = connect()) {
            socket.getOutputStream().write("POST /execute HTTP/1.1\r\nHost: x\r\nX-API-".getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();

            int end = socket.getInputStream().read();

            assertThat(end).as("the server closed the connection").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
        }
    }

    @Test
    void aTricklingBodyIsRefusedWith408AndNothingRuns() throws Exception {
        long runsBefore = pythonRuns();
        String body = "{\"language\":\"python\",\"code\":\"print('never')\"}";
        try (var socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /execute HTTP/1.1\r\nHost: x\r\nX-API-Key: " + Api.KEY + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            String answer = null;
            for (byte b : body.getBytes(StandardCharsets.US_ASCII)) {
                try {
                    out.write(b);
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
                Thread.sleep(500); // the slow client under test, not synchronisation
                if (socket.getInputStream().available() > 0) {
                    break;
                }
            }
            answer = new String(socket.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 408").contains("urn:code-runner:problem:request-timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
        assertThat(pythonRuns()).as("no sandbox was taken").isEqualTo(runsBefore);
    }

    @Test
    void twoHundredIdleOrTricklingConnectionsDoNotDelayANormalRequest() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket socket = connect();
                socket.getOutputStream().write((i % 2 == 0 ? "POST /execute HTTP/1.1\r\nHost: x\r\n" : "GE")
                        .getBytes(StandardCharsets.US_ASCII));
                idle.add(socket);
            }
            long started = System.nanoTime();

            var reply = api.run("python", "print('prompt')");

            assertThat(reply.text("output")).isEqualTo("prompt\n");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void oversizedHeadersGetAProblemAndNoStackTraceInTheLog(CapturedOutput log) throws IOException {
        try (var socket = connect()) {
            socket.getOutputStream().write(("GET /languages HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(20_000)
                    + "\r\nX-API-Key: " + Api.KEY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = readAll(socket.getInputStream());

            assertThat(answer).matches("(?s)HTTP/1.1 4(00|31).*").contains("application/problem+json")
                    .contains("urn:code-runner:problem:");
        }
        assertThat(log.getAll()).doesNotContain("\tat org.apache");
    }

    private Socket connect() throws IOException {
        var socket = new Socket("127.0.0.1", port());
        socket.setSoTimeout(15_000);
        return socket;
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private long pythonRuns() {
        for (var pool : api.get("/health", Api.KEY).body().path("pools")) {
            if (pool.path("name").asString().equals("python")) {
                return pool.path("hits").asLong() + pool.path("misses").asLong();
            }
        }
        throw new AssertionError("no python pool");
    }
}
