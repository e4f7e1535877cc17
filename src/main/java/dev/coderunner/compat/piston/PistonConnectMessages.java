package dev.coderunner.compat.piston;

import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.coderunner.execution.RunObserver;
import dev.coderunner.execution.StageResult;

/**
 * What {@code /api/v2/connect} sends, in Piston's shapes: {@code runtime}, {@code stage},
 * {@code data} (stdout or stderr), {@code exit} after each stage, and {@code error} just before a
 * 4002 close.
 */
final class PistonConnectMessages {

    private final JsonMapper json;

    PistonConnectMessages(JsonMapper json) {
        this.json = json;
    }

    String runtime(PistonRuntimes.Selected runtime) {
        return message("runtime").put("language", runtime.name()).put("version", runtime.version()).toString();
    }

    String stage(RunObserver.Stage stage) {
        return message("stage").put("stage", name(stage)).toString();
    }

    String data(boolean isStderr, String text) {
        return message("data").put("stream", isStderr ? "stderr" : "stdout").put("data", text).toString();
    }

    /** A compile step that succeeded: it exited 0, which is all its exit message says. */
    String compiled() {
        ObjectNode exit = message("exit").put("stage", name(RunObserver.Stage.COMPILE)).put("code", 0);
        return exit.putNull("signal").toString();
    }

    /** How a stage ended, as the REST answer reports it: {@code code} null when a signal ended it. */
    String exit(RunObserver.Stage stage, StageResult result) {
        var piston = PistonResponse.PistonStage.of(result);
        ObjectNode exit = message("exit").put("stage", name(stage));
        if (piston.code() == null) {
            exit.putNull("code");
        } else {
            exit.put("code", piston.code());
        }
        return exit.put("signal", piston.signal()).toString();
    }

    String error(String text) {
        return message("error").put("message", text).toString();
    }

    private ObjectNode message(String type) {
        return json.createObjectNode().put("type", type);
    }

    private static String name(RunObserver.Stage stage) {
        return stage.name().toLowerCase(Locale.ROOT);
    }
}
