package dev.coderunner.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.coderunner.support.Api;
import dev.coderunner.support.SandboxIntegrationTest;

/** Every kind of bad input gets a problem-details answer with a stable type, and harms nothing. */
class BadInputIT extends SandboxIntegrationTest {

    @AfterEach
    void theNextRequestIsUnharmed() {
        assertThat(api.run("python", "print('ok')").text("output")).isEqualTo("ok\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json at all                     | 400 | malformed-request
            {"code": "print(1)", "language":    | 400 | malformed-request
            {"code": 42, "language": "python"}  | 400 | malformed-request
            {"code": "print(1)", "language": ["python"]} | 400 | malformed-request
            {"code": "1", "language": "python", "timeout": "ten"} | 400 | malformed-request
            {"code": "1", "language": "python", "timeout": NaN} | 400 | malformed-request
            {"code": "1", "language": "python", "timeout": Infinity} | 400 | malformed-request
            {"code": "1", "language": "python", "args": "not-a-list"} | 400 | malformed-request
            {"code": "1", "language": "python"} {"x": 1} | 400 | malformed-request
            []                                  | 400 | malformed-request
            {"code": "print(1)"}                | 422 | invalid-request
            {"language": "python"}              | 422 | invalid-request
            {"code": "1", "language": ""}       | 422 | invalid-request
            {"code": "1", "language": "python", "timeout": 0} | 422 | invalid-request
            {"code": "1", "language": "python", "timeout": -5} | 422 | invalid-request
            {"code": "1", "language": "python", "timeout": 3600} | 422 | invalid-request
            {"code": "1", "language": "cobol"}  | 422 | unknown-language
            """)
    void badBodiesGetAProblem(String body, int status, String type) {
        var reply = api.post("/execute", body, "application/json", Api.KEY);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
        assertThat(reply.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(reply.text("type")).isEqualTo("urn:code-runner:problem:" + type);
        assertThat(reply.text("detail")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(reply.body().path("status").asInt()).isEqualTo(status);
    }

    @Test
    void timeoutOutOfRangeNamesTheAllowedRange() {
        var reply = api.post("/execute", "{\"code\":\"1\",\"language\":\"python\",\"timeout\":3600}",
                "application/json", Api.KEY);

        assertThat(reply.text("detail")).contains("between", "30 seconds");
    }

    @Test
    void unknownLanguageIsNamedAndTheKnownOnesListed() {
        var reply = api.post("/execute", "{\"code\":\"1\",\"language\":\"cobol\"}", "application/json", Api.KEY);

        assertThat(reply.text("detail")).contains("cobol", "python");
        assertThat(reply.body().path("known_languages").toString()).contains("python");
    }

    @Test
    void wrongContentTypeIs415() {
        var reply = api.post("/execute", "code=print(1)&language=python", "application/x-www-form-urlencoded", Api.KEY);

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.text("type")).isEqualTo("urn:code-runner:problem:unsupported-media-type");
    }

    @Test
    void bodyOverTheCapIs413() {
        String code = "#" + "x".repeat(1024 * 1024 + 10);
        var reply = api.post("/execute", "{\"language\":\"python\",\"code\":\"" + code + "\"}", "application/json", Api.KEY);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.text("type")).isEqualTo("urn:code-runner:problem:payload-too-large");
    }

    @Test
    void chunkedBodyOverTheCapIs413() {
        String code = "#" + "x".repeat(1024 * 1024 + 10);
        byte[] body = ("{\"language\":\"python\",\"code\":\"" + code + "\"}").getBytes();
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/execute"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-API-Key", Api.KEY)
                // A publisher of unknown length makes the client send the body chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();

        var reply = api.send(request);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.text("type")).isEqualTo("urn:code-runner:problem:payload-too-large");
    }

    @Test
    void unknownPathAndWrongMethodAreProblemsToo() {
        var missing = api.get("/nope", Api.KEY);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("type")).isEqualTo("urn:code-runner:problem:not-found");

        var wrongMethod = api.get("/execute", Api.KEY);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.text("type")).isEqualTo("urn:code-runner:problem:method-not-allowed");
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port();
    }
}
