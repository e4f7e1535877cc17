package dev.coderunner.live;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import jakarta.validation.ConstraintViolation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import dev.coderunner.api.ExecuteRequest;
import dev.coderunner.api.ExecuteResponse;
import dev.coderunner.api.ExecutionRequests;
import dev.coderunner.api.ProblemType;
import dev.coderunner.api.Problems;
import dev.coderunner.api.Utf8Stream;
import dev.coderunner.auth.ApiKey;
import dev.coderunner.auth.TooManyConcurrentRunsException;
import dev.coderunner.execution.ExecutionRequest;
import dev.coderunner.execution.InvalidExecutionRequestException;
import dev.coderunner.execution.RunObserver;
import dev.coderunner.sandbox.LiveInput;
import dev.coderunner.sandbox.ProgramSignal;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WebSocket connection and its one run. The first message is the request (as a POST /execute
 * body, plus {@code api_key} when the upgrade carried none); then {@code stdin}, {@code stdin_close}
 * and {@code signal} messages reach the program while it runs. Events go back as they happen and
 * the connection closes after the result, or after an error event whose close code says why.
 * Sends block while the client reads slowly, so the program waits on its pipe rather than output
 * piling up here. A client that goes away, or a session idle (no input, no output) past
 * INTERACTIVE_IDLE_TIMEOUT, ends the run.
 */
final class InteractiveSession implements RunObserver {

    private static final Logger log = LoggerFactory.getLogger(InteractiveSession.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final WebSocketSession session;
    private final InteractiveSessions context;
    private final LiveInput input = new LiveInput();
    private final Utf8Stream stdout = new Utf8Stream();
    private final Utf8Stream stderr = new Utf8Stream();
    private final Object sending = new Object();
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean requested;
    private volatile boolean finished;
    private volatile boolean gone;
    private volatile boolean idleExpired;
    /** The program itself runs (not queued, not compiling): only then can it be idle. */
    private volatile boolean programRunning;
    private volatile Thread run;
    private long stdinBytes;

    InteractiveSession(WebSocketSession session, InteractiveSessions context) {
        this.session = session;
        this.context = context;
    }

    void receive(String text) {
        lastActivity = System.nanoTime();
        JsonNode message;
        try {
            message = context.json().readTree(text);
        } catch (JacksonException e) {
            refuse(ProblemType.MALFORMED_REQUEST.problem("a message must be a JSON object"), !requested);
            return;
        }
        if (!(message instanceof ObjectNode object)) {
            refuse(ProblemType.MALFORMED_REQUEST.problem("a message must be a JSON object"), !requested);
            return;
        }
        if (!requested) {
            requested = true;
            start(object);
        } else {
            control(object);
        }
    }

    void refuseBinary() {
        refuse(ProblemType.MALFORMED_REQUEST.problem("messages are JSON text, not binary"), true);
    }

    /** The connection closed or broke: the run, if any, ends now. */
    void clientGone() {
        gone = true;
        input.end();
        Thread running = run;
        if (running != null && !finished) {
            running.interrupt();
        }
    }

    private void start(ObjectNode request) {
        ApiKey key = key(request);
        if (key == null) {
            return;
        }
        // A key on the upgrade was charged by the API-key filter already.
        var rate = session.getAttributes().containsKey(KeyHandshake.KEY) ? null : context.quotas().take(key);
        if (rate != null && !rate.allowed()) {
            refuse(ProblemType.RATE_LIMITED.problem("key " + key.name() + " is over its " + rate.limit()
                    + " requests per minute; retry in " + rate.retryAfterSeconds() + "s"), true);
            return;
        }
        ExecutionRequest execution;
        try {
            execution = toRequest(request, key);
        } catch (RuntimeException e) {
            refuse(Problems.of(e).problem(), true);
            return;
        }
        Runnable release = context.quotas().startRun(key);
        if (release == null) {
            refuse(Problems.of(new TooManyConcurrentRunsException(key)).problem(), true);
            return;
        }
        String stdin = execution.stdin();
        if (!stdin.isEmpty() && !stdin(stdin)) {
            release.run();
            return;
        }
        run = Thread.ofVirtual().name("interactive-" + execution.caller().executionId()).unstarted(() -> {
            try {
                runToTheEnd(execution);
            } finally {
                release.run();
            }
        });
        run.start();
    }

    private void runToTheEnd(ExecutionRequest execution) {
        try {
            var result = context.executions().execute(execution, this);
            finished = true;
            Thread.interrupted(); // the idle watchdog's interrupt ended the run; the answer still goes out
            flushOutput();
            send(context.events().result(ExecuteResponse.of(result), idleExpired ? idleReason() : null));
            close(CloseStatus.NORMAL);
        } catch (RuntimeException e) {
            finished = true;
            Thread.interrupted();
            if (!gone) {
                refuse(Problems.of(e).problem(), true);
            }
        } finally {
            input.end();
        }
    }

    private String idleReason() {
        return "no input and no output for " + context.properties().idleTimeout().toSeconds()
                + "s (INTERACTIVE_IDLE_TIMEOUT)";
    }

    /** The key from the upgrade request, else from the request message; null (and refused) without one. */
    private ApiKey key(ObjectNode request) {
        JsonNode presented = request.remove("api_key");
        if (session.getAttributes().get(KeyHandshake.KEY) instanceof ApiKey admitted) {
            return admitted;
        }
        var key = presented != null && presented.isString() ? context.keys().find(presented.asString()) : java.util.Optional.<ApiKey>empty();
        if (key.isEmpty()) {
            refuse(ProblemType.UNAUTHORIZED.problem(presented == null
                    ? "send your API key in the X-API-Key header of the upgrade, or as api_key in the first message"
                    : "the API key is not valid"), true);
            return null;
        }
        return key.get();
    }

    private ExecutionRequest toRequest(ObjectNode request, ApiKey key) {
        JsonNode type = request.remove("type");
        if (type != null && !"execute".equals(type.asString(""))) {
            throw new InvalidExecutionRequestException("type", "the first message is the request to run (type execute)");
        }
        ExecuteRequest body;
        try {
            body = context.json().treeToValue(request, ExecuteRequest.class);
        } catch (JacksonException e) {
            throw new InvalidExecutionRequestException("body", "the request is not a valid run: " + e.getOriginalMessage());
        }
        for (ConstraintViolation<ExecuteRequest> violation : context.validator().validate(body)) {
            throw new InvalidExecutionRequestException(violation.getPropertyPath().toString(), violation.getMessage());
        }
        String address = session.getRemoteAddress() instanceof InetSocketAddress remote
                ? remote.getAddress().getHostAddress() : "-";
        return ExecutionRequests.of(body, new ExecutionRequest.Caller(key.name(), address), context.maxTests());
    }

    private void control(ObjectNode message) {
        String type = message.path("type").asString("");
        switch (type) {
            case "stdin" -> {
                JsonNode data = message.get("data");
                if (data == null || !data.isString()) {
                    refuse(ProblemType.INVALID_REQUEST.problem("a stdin message carries its text as a string in data"), false);
                    return;
                }
                stdin(data.asString());
            }
            case "stdin_close" -> input.end();
            case "signal" -> {
                String name = message.path("signal").asString("").toUpperCase(Locale.ROOT);
                try {
                    input.signal(ProgramSignal.valueOf(name.startsWith("SIG") ? name : "SIG" + name));
                } catch (IllegalArgumentException unknown) {
                    refuse(ProblemType.INVALID_REQUEST.problem("signal must be SIGINT, SIGTERM or SIGKILL"), false);
                }
            }
            default -> refuse(ProblemType.INVALID_REQUEST.problem(
                    "after the request, messages are of type stdin, stdin_close or signal"), false);
        }
    }

    /** Counts stdin against the limit; past it, the session ends and its run with it. */
    private boolean stdin(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long limit = context.properties().stdinLimit().toBytes();
        synchronized (input) {
            stdinBytes += bytes.length;
            if (stdinBytes > limit) {
                refuse(ProblemType.PAYLOAD_TOO_LARGE.problem("more stdin than the " + limit
                        + " bytes a run may be sent (INTERACTIVE_STDIN_LIMIT)"), true);
                clientGone();
                return false;
            }
        }
        input.write(bytes);
        return true;
    }

    @Override
    public void started(String executionId) {
        send(context.events().started(executionId));
    }

    @Override
    public void stage(Stage stage) {
        flushOutput();
        if (stage == Stage.RUN) {
            lastActivity = System.nanoTime();
            programRunning = true;
        }
        send(context.events().stage(stage));
    }

    @Override
    public void output(boolean isStderr, byte[] chunk) {
        lastActivity = System.nanoTime();
        String text = (isStderr ? stderr : stdout).decode(chunk);
        if (!text.isEmpty()) {
            send(context.events().output(isStderr, text));
        }
    }

    @Override
    public LiveInput input() {
        return input;
    }

    private void flushOutput() {
        for (boolean isStderr : new boolean[] {false, true}) {
            String rest = (isStderr ? stderr : stdout).finish();
            if (!rest.isEmpty()) {
                send(context.events().output(isStderr, rest));
            }
        }
    }

    /** An error event; {@code fatal}: the session ends with the close code the problem calls for. */
    private void refuse(org.springframework.http.ProblemDetail problem, boolean fatal) {
        send(context.events().error(problem));
        if (fatal) {
            close(closeFor(problem.getStatus()));
        }
    }

    private static CloseStatus closeFor(int status) {
        return switch (status) {
            case 400, 422 -> CloseStatus.BAD_DATA;
            case 401, 403 -> CloseStatus.POLICY_VIOLATION;
            case 413 -> CloseStatus.TOO_BIG_TO_PROCESS;
            case 429, 503 -> CloseStatus.SERVICE_OVERLOAD;
            default -> status >= 500 ? CloseStatus.SERVER_ERROR : CloseStatus.POLICY_VIOLATION;
        };
    }

    private void send(String event) {
        synchronized (sending) {
            if (gone || !session.isOpen()) {
                return;
            }
            try {
                session.sendMessage(new TextMessage(event));
            } catch (IOException | IllegalStateException clientWentAway) {
                clientGone();
            }
        }
    }

    private void close(CloseStatus status) {
        synchronized (sending) {
            try {
                if (session.isOpen()) {
                    session.close(status);
                }
            } catch (IOException alreadyClosed) {
                // Nothing more to tell the client.
            }
        }
    }

    /**
     * Ends a session idle past the timeout: one that never sent its request is closed; a program
     * with neither input nor output for that long is killed, and its result says why. Waiting for
     * a run slot or for the compiler is not idleness.
     */
    void watchIdle() {
        Duration idle = context.properties().idleTimeout();
        Thread.ofVirtual().name("interactive-idle").start(() -> {
            try {
                while (!finished && !gone) {
                    if (requested && !programRunning) {
                        lastActivity = System.nanoTime(); // queued or compiling: the client waits on us
                    }
                    long quiet = System.nanoTime() - lastActivity;
                    if (quiet >= idle.toNanos()) {
                        expire();
                        return;
                    }
                    Thread.sleep(Duration.ofNanos(Math.min(idle.toNanos() - quiet, CHECK_EVERY.toNanos())).plusMillis(10));
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void expire() {
        Thread running = run;
        if (running == null) {
            log.debug("closing a WebSocket session that sent no request");
            refuse(ProblemType.REQUEST_TIMEOUT.problem("no request within " + context.properties().idleTimeout().toSeconds()
                    + "s (INTERACTIVE_IDLE_TIMEOUT)"), true);
            gone = true;
            return;
        }
        idleExpired = true;
        running.interrupt();
    }
}
