package dev.coderunner.submissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.coderunner.support.Api;
import dev.coderunner.support.EngineIndependent;
import dev.coderunner.support.SandboxIntegrationTest;

/**
 * Callbacks to a real receiver on loopback: signed, retried when the receiver fails, and refused
 * for an address that is not public unless its host is allowed by name.
 */
@EngineIndependent
@TestPropertySource(properties = {
        "code-runner.callbacks.secret=" + CallbacksIT.SECRET,
        "code-runner.callbacks.allowed-hosts=127.0.0.1",
        "code-runner.callbacks.backoff=100ms",
        "code-runner.callbacks.attempts=3",
        "code-runner.callbacks.timeout=2s",
})
class CallbacksIT extends SandboxIntegrationTest {

    static final String SECRET = "callback-secret-for-tests";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Received(String path, String signature, String body) {
    }

    private static HttpServer receiver;
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    private static final AtomicInteger flakyCalls = new AtomicInteger();

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, exchange.getRequestHeaders().getFirst("X-Signature"), body));
            int status = path.equals("/flaky") && flakyCalls.incrementAndGet() < 3 ? 500
                    : path.equals("/broken") ? 503 : path.equals("/redirect") ? 302 : 204;
            if (status == 302) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/ok");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + receiver.getAddress().getPort() + path;
    }

    private String submit(String callback) {
        var reply = api.post("/submissions", JSON.writeValueAsString(Map.of("language", "python",
                "code", "print('called back')", "callback_url", callback)), "application/json", Api.KEY);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        return reply.text("id");
    }

    private Api.Reply awaitCallback(String id, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                state.equals(api.get("/submissions/" + id, Api.KEY).body().path("callback").path("state").asString()));
        return api.get("/submissions/" + id, Api.KEY);
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDoneSubmissionIsPostedSignedToItsCallback() throws Exception {
        String id = submit(url("127.0.0.1", "/ok"));

        var submission = awaitCallback(id, "DELIVERED");

        assertThat(submission.body().path("callback").path("attempts").asInt()).isEqualTo(1);
        var call = received.stream().filter(r -> r.path().equals("/ok") && r.body().contains(id)).findFirst().orElseThrow();
        assertThat(call.signature()).isEqualTo(hmac(call.body()));
        var body = JSON.readTree(call.body());
        assertThat(body.path("state").asString()).isEqualTo("DONE");
        assertThat(body.path("result").path("output").asString()).isEqualTo("called back\n");
        assertThat(call.body()).doesNotContain(SECRET);
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffUntilItAnswers() {
        String id = submit(url("127.0.0.1", "/flaky"));

        var submission = awaitCallback(id, "DELIVERED");

        assertThat(submission.body().path("callback").path("attempts").asInt()).isEqualTo(3);
        assertThat(received.stream().filter(r -> r.path().equals("/flaky")).count()).isEqualTo(3);
    }

    @Test
    void aReceiverThatKeepsFailingIsGivenUpAndTheFailureIsShown() {
        String id = submit(url("127.0.0.1", "/broken"));

        var submission = awaitCallback(id, "FAILED");

        assertThat(submission.body().path("callback").path("attempts").asInt()).isEqualTo(3);
        assertThat(submission.body().path("callback").path("last_error").asString()).contains("503");
    }

    @Test
    void redirectsAreNotFollowed() {
        String id = submit(url("127.0.0.1", "/redirect"));

        var submission = awaitCallback(id, "FAILED");

        assertThat(submission.body().path("callback").path("last_error").asString()).contains("302");
        assertThat(received.stream().filter(r -> r.path().equals("/ok") && r.body().contains(id))).isEmpty();
    }

    @Test
    void aHostNotAllowedThatResolvesToLoopbackIsNeverConnectedTo() {
        // The same receiver, named "localhost": not allowed by name, and it resolves to a loopback address.
        String id = submit(url("localhost", "/private"));

        var submission = awaitCallback(id, "FAILED");

        assertThat(submission.body().path("callback").path("last_error").asString()).contains("refused");
        assertThat(received.stream().filter(r -> r.path().equals("/private"))).isEmpty();
    }

    @Test
    void privateAndMetadataAddressesAndOtherSchemesAreRefusedAtOnce() {
        for (String bad : List.of("http://10.0.0.7/hook", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:9/x", "http://[::ffff:127.0.0.1]/x", "http://192.168.1.1/", "http://100.64.0.1/",
                "ftp://example.com/x", "file:///etc/passwd", "http://user:pass@example.com/", "not a url")) {
            var reply = api.post("/submissions", JSON.writeValueAsString(Map.of("language", "python", "code", "print(1)",
                    "callback_url", bad)), "application/json", Api.KEY);
            assertThat(reply.status()).as(bad + ": " + reply.raw()).isEqualTo(422);
            assertThat(reply.text("field")).isEqualTo("callback_url");
        }
    }
}
