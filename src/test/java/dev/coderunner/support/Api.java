package dev.coderunner.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the service under test: real requests, raw bodies, parsed answers. */
public final class Api {

    public static final String KEY = "integration-test-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Reply(int status, Map<String, String> headers, JsonNode body, String raw) {
        public String text(String field) {
            return body.path(field).asString();
        }
    }

    /** Runs a program and returns the parsed answer. */
    public Reply execute(Map<String, ?> request) {
        return post("/execute", JSON.writeValueAsString(request), "application/json", KEY);
    }

    public Reply run(String language, String code) {
        return execute(Map.of("language", language, "code", code));
    }

    public static Map<String, Object> request(Object... keyValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    public Reply post(String path, String body, String contentType, String key) {
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (key != null) {
            builder.header("X-API-Key", key);
        }
        return send(builder.build());
    }

    public Reply get(String path, String key) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (key != null) {
            builder.header("X-API-Key", key);
        }
        return send(builder.build());
    }

    public Reply delete(String path, String key) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).DELETE();
        if (key != null) {
            builder.header("X-API-Key", key);
        }
        return send(builder.build());
    }

    public Reply send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            var headers = new LinkedHashMap<String, String>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            boolean json = response.headers().firstValue("content-type").map(type -> type.contains("json")).orElse(true);
            JsonNode body = response.body().isEmpty() || !json ? JSON.missingNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), headers, body, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
