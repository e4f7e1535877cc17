package dev.coderunner.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import dev.coderunner.support.Api;
import dev.coderunner.support.SandboxIntegrationTest;

class AuthIT extends SandboxIntegrationTest {

    private static final String HELLO = "{\"code\":\"print(1)\",\"language\":\"python\"}";

    @Test
    void missingKeyIsRefusedWithAProblem() {
        var reply = api.post("/execute", HELLO, "application/json", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(reply.text("type")).isEqualTo("urn:code-runner:problem:unauthorized");
    }

    @Test
    void wrongKeyIsRefused() {
        assertThat(api.post("/execute", HELLO, "application/json", "not-the-key").status()).isEqualTo(401);
        assertThat(api.post("/execute", HELLO, "application/json", Api.KEY + "x").status()).isEqualTo(401);
        assertThat(api.get("/languages", "wrong").status()).isEqualTo(401);
    }

    @Test
    void pistonCallsWithoutAKeyAreRefusedUnlessAnAnonymousKeyIsConfigured() {
        var reply = api.post("/api/v2/execute", "{\"language\":\"python\",\"version\":\"*\",\"files\":[{\"content\":\"print(1)\"}]}",
                "application/json", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(api.get("/api/v2/runtimes", null).status()).isEqualTo(401);
    }

    @Test
    void judge0sAuthTokenHeaderCarriesAKeyToo() {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/languages"))
                .header("X-Auth-Token", Api.KEY).GET().build();
        var wrong = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/languages"))
                .header("X-Auth-Token", "wrong").GET().build();

        assertThat(api.send(request).status()).isEqualTo(200);
        assertThat(api.send(wrong).status()).isEqualTo(401);
    }

    /** Sent as is on a socket: HTTP clients would normalise the dot segments away. */
    private String rawPost(String target) throws java.io.IOException {
        try (var socket = new java.net.Socket("127.0.0.1", port())) {
            socket.setSoTimeout(30_000);
            String request = "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + HELLO.length() + "\r\nConnection: close\r\n\r\n" + HELLO;
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aPublicPathWithDotSegmentsDoesNotOpenTheOthers() throws java.io.IOException {
        for (String target : java.util.List.of("/v3/api-docs/../../execute", "/swagger-ui/%2e%2e/execute",
                "/v3/api-docs/..;/../execute", "/api/v2/../execute")) {
            String answer = rawPost(target);
            assertThat(answer).as(target).doesNotContain("\"success\"").matches("(?s)HTTP/1.1 (400|401|404) .*");
        }
    }

    @Test
    void keyInTheQueryStringIsNotAccepted() {
        assertThat(api.post("/execute?api_key=" + Api.KEY + "&X-API-Key=" + Api.KEY, HELLO, "application/json", null)
                .status()).isEqualTo(401);
    }

    @Test
    void healthNeedsNoKeyButShowsDetailOnlyToAKey() {
        var anyone = api.get("/health", null);
        var wrongKey = api.get("/health", "wrong");
        var keyed = api.get("/health", Api.KEY);

        assertThat(anyone.status()).isEqualTo(200);
        assertThat(anyone.body().propertyNames()).containsExactlyInAnyOrder("status", "engine");
        assertThat(anyone.text("status")).isEqualTo("UP");
        assertThat(anyone.text("engine")).isEqualTo(engine());
        assertThat(wrongKey.body().propertyNames()).containsExactlyInAnyOrder("status", "engine");
        assertThat(keyed.body().path("languages").path("python").asString()).isEqualTo("ready");
        assertThat(keyed.body().has("pools")).isTrue();
    }

    @Test
    void languagesListsNameVersionAndAliases() {
        var reply = api.get("/languages", Api.KEY);

        assertThat(reply.status()).isEqualTo(200);
        var python = reply.body().path("languages").valueStream()
                .filter(node -> node.path("id").asString().equals("python")).findFirst().orElseThrow();
        assertThat(python.path("name").asString()).isEqualTo("Python");
        assertThat(python.path("version").asString()).startsWith("3.");
        assertThat(python.path("aliases").toString()).contains("py", "python3");
    }
}
