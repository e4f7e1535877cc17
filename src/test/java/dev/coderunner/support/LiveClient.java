package dev.coderunner.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client (the JDK's) of an interactive run: it sends JSON messages and collects
 * every event the service sends, with the moment it arrived, and the close code.
 */
public final class LiveClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** One event and when it arrived (System.nanoTime). */
    public record Event(JsonNode body, long arrived) {
        public String type() {
            return body.path("type").asString();
        }

        public String data() {
            return body.path("data").asString();
        }
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason;
    private final WebSocket socket;

    private LiveClient(URI uri, Map<String, String> headers) {
        var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static LiveClient connect(int port, String path, Map<String, String> headers) {
        return new LiveClient(URI.create("ws://localhost:" + port + path), headers);
    }

    /** Connects to /ws/execute with the key on the upgrade. */
    public static LiveClient connect(int port) {
        return connect(port, "/ws/execute", Map.of("X-API-Key", Api.KEY));
    }

    public LiveClient send(Object message) {
        socket.sendText(JSON.writeValueAsString(message), true).join();
        return this;
    }

    /** Sends the text as it is, valid JSON or not. */
    public LiveClient sendText(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public LiveClient stdin(String text) {
        return send(Map.of("type", "stdin", "data", text));
    }

    /** The next event, waiting for it. */
    public Event next() throws InterruptedException {
        Event event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + WAIT + "; seen: " + seen);
        }
        seen.add(event);
        return event;
    }

    /** Events up to and including the first of this type; the program's stdout so far is in them. */
    public List<Event> until(String type) throws InterruptedException {
        var taken = new ArrayList<Event>();
        Event event;
        do {
            event = next();
            taken.add(event);
        } while (!event.type().equals(type) && !event.type().equals("result") && !event.type().equals("error"));
        return taken;
    }

    /** Events until stdout (all of it since the last call) contains the text. */
    public String awaitStdout(String text) throws InterruptedException {
        var out = new StringBuilder();
        while (!out.toString().contains(text)) {
            Event event = next();
            if (event.type().equals("result") || event.type().equals("error")) {
                throw new AssertionError("ended before stdout showed '" + text + "': " + out + " / " + event.body());
            }
            if (event.type().equals("stdout")) {
                out.append(event.data());
            }
        }
        return out.toString();
    }

    /** The result event (or the error event), skipping the rest. */
    public Event end() throws InterruptedException {
        Event event;
        do {
            event = next();
        } while (!event.type().equals("result") && !event.type().equals("error"));
        return event;
    }

    public List<Event> seen() {
        return seen;
    }

    public int closeCode() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** The reason the server gave with its close code, waiting for the close. */
    public String closeReason() {
        closeCode();
        return closeReason;
    }

    /** Every event not yet taken, once the server has closed the connection (all came before its close). */
    public List<Event> untilClosed() {
        closeCode();
        var rest = new ArrayList<Event>();
        events.drainTo(rest);
        seen.addAll(rest);
        return rest;
    }

    /** Drops the connection at once, as a client that went away. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                events.add(new Event(JSON.readTree(partial.toString()), System.nanoTime()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }

    /** The upgrade's HTTP status when the server refused it. */
    public static int refusedStatus(int port, Map<String, String> headers) {
        return refusedStatus(port, "/ws/execute", headers);
    }

    /** The upgrade's HTTP status at that path when the server refused it; 101 when it accepted. */
    public static int refusedStatus(int port, String path, Map<String, String> headers) {
        try {
            new LiveClient(URI.create("ws://localhost:" + port + path), headers).close();
            return 101;
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

}
