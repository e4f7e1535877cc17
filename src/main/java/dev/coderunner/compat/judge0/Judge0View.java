package dev.coderunner.compat.judge0;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Every attribute Judge0 has for a submission, from what we keep: the echo of its input fields,
 * where it is in its life, and the outcome once it has one. {@link Judge0Fields} picks from it.
 */
final class Judge0View {

    private static final DateTimeFormatter RAILS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Judge0View() {
    }

    /** A language as Judge0 shows it, id first. */
    record LanguageView(int id, String name) {
    }

    /** A submission's life as the jobs API tells it. */
    record Life(String token, String state, Instant createdAt, Instant startedAt, Instant finishedAt) {
    }

    static Map<String, Object> of(Life life, JsonNode echo, Judge0Outcome outcome, Judge0Languages languages) {
        var view = new LinkedHashMap<String, Object>();
        echo.properties().forEach(field -> view.put(field.getKey(), plain(field.getValue())));
        int statusId = outcome != null ? outcome.status() : languages.table().statusOf(life.state(), null);
        view.put("token", life.token());
        view.put("status_id", statusId);
        view.put("status", languages.table().status(statusId));
        view.put("created_at", time(life.createdAt()));
        view.put("queued_at", time(life.createdAt()));
        view.put("started_at", time(life.startedAt()));
        view.put("finished_at", time(life.finishedAt()));
        Instant updated = life.finishedAt() != null ? life.finishedAt()
                : life.startedAt() != null ? life.startedAt() : life.createdAt();
        view.put("updated_at", time(updated));
        view.put("queue_host", null);
        view.put("execution_host", null);
        view.put("stdout", outcome == null ? null : outcome.stdout());
        view.put("stderr", outcome == null ? null : outcome.stderr());
        view.put("compile_output", outcome == null ? null : outcome.compileOutput());
        view.put("time", outcome == null ? null : outcome.time());
        view.put("wall_time", outcome == null ? null : outcome.wallTime());
        view.put("memory", outcome == null ? null : outcome.memory());
        view.put("exit_code", outcome == null ? null : outcome.exitCode());
        view.put("exit_signal", outcome == null ? null : outcome.exitSignal());
        view.put("message", outcome == null ? null : outcome.message());
        int languageId = echo.path("language_id").asInt();
        view.put("language", languages.find(languageId)
                .<Object>map(found -> new LanguageView(languageId, languages.name(found))).orElse(null));
        return view;
    }

    private static Object plain(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        return value.asString();
    }

    private static String time(Instant instant) {
        return instant == null ? null : RAILS_TIME.format(instant);
    }
}
