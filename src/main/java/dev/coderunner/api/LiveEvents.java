package dev.coderunner.api;

import java.util.Locale;

import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import dev.coderunner.execution.RunObserver;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The events of a run followed live, one JSON object each, the same on an NDJSON stream and on a
 * WebSocket: {@code started}, {@code stage}, {@code stdout}/{@code stderr}, then {@code result} (the
 * answer {@code POST /execute} gives) or {@code error} (problem details: the run could not go on).
 */
@Component
public class LiveEvents {

    private final JsonMapper json;

    public LiveEvents(JsonMapper json) {
        this.json = json;
    }

    public String started(String executionId) {
        return event("started").put("execution_id", executionId).toString();
    }

    public String stage(RunObserver.Stage stage) {
        return event("stage").put("stage", stage.name().toLowerCase(Locale.ROOT)).toString();
    }

    public String output(boolean isStderr, String text) {
        return event(isStderr ? "stderr" : "stdout").put("data", text).toString();
    }

    public String result(ExecuteResponse response) {
        return result(response, null);
    }

    /** The answer, and with {@code reason} why the service ended the run before the program did. */
    public String result(ExecuteResponse response, String reason) {
        ObjectNode event = event("result");
        event.setAll((ObjectNode) json.valueToTree(response));
        if (reason != null) {
            event.put("reason", reason);
        }
        return json.writeValueAsString(event);
    }

    public String error(ProblemDetail problem) {
        ObjectNode body = json.createObjectNode();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            problem.getProperties().forEach((name, value) -> body.set(name, json.valueToTree(value)));
        }
        ObjectNode event = event("error");
        event.set("problem", body);
        return json.writeValueAsString(event);
    }

    /** Sent on a stream that has been quiet for a while, so a client that went away is noticed. */
    public String heartbeat() {
        return event("heartbeat").toString();
    }

    private ObjectNode event(String type) {
        return json.createObjectNode().put("type", type);
    }
}
