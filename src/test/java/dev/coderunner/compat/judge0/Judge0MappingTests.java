package dev.coderunner.compat.judge0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/** Our answer → Judge0's attributes, without a sandbox: the ExecuteResponse JSON as the store keeps it. */
class Judge0MappingTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Judge0Table table = Judge0Table.load();

    private static ObjectNode run(String status, int exitCode, String signal, String stdout, String stderr) {
        var node = JSON.createObjectNode();
        node.put("status", status);
        node.put("exit_code", exitCode);
        node.put("signal", signal);
        node.put("stdout", stdout);
        node.put("stderr", stderr);
        node.put("output", stdout + stderr);
        node.put("execution_time", 0.0125);
        node.put("cpu_time", 0.004);
        node.put("memory", 3 * 1024 * 1024 + 512);
        return node;
    }

    private Judge0Outcome outcome(JsonNode run, String expected) {
        return Judge0Outcome.of(run, expected, false, table);
    }

    @Test
    void anOkRunIsAcceptedAndItsFiguresAreInJudge0sUnits() {
        var outcome = outcome(run("OK", 0, null, "hi\n", ""), null);

        assertThat(outcome.status()).isEqualTo(3);
        assertThat(outcome.stdout()).isEqualTo("hi\n");
        assertThat(outcome.stderr()).as("empty output is null, as Judge0 stores it").isNull();
        assertThat(outcome.time()).isEqualTo("0.004");
        assertThat(outcome.wallTime()).isEqualTo("0.013");
        assertThat(outcome.memory()).isEqualTo(3072);
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.exitSignal()).isNull();
        assertThat(outcome.message()).isNull();
    }

    @Test
    void aCompileStepThatFailedOnOurSideIsAnInternalErrorNotACompilationError() {
        var result = run("INTERNAL_ERROR", -1, null, "", "");
        result.putObject("compile").put("status", "INTERNAL_ERROR").put("output", "");
        result.put("error", "the engine stopped answering");

        var outcome = outcome(result, null);

        assertThat(outcome.status()).isEqualTo(13);
        assertThat(outcome.message()).isEqualTo("the engine stopped answering");
    }

    @Test
    void expectedOutputMakesAnOkRunAcceptedOrWrongAnswer() {
        assertThat(outcome(run("OK", 0, null, "hello  \nworld\t\n\n", ""), "hello\nworld").status()).isEqualTo(3);
        assertThat(outcome(run("OK", 0, null, "hello\n", ""), "Hello").status()).isEqualTo(4);
        assertThat(outcome(run("RUNTIME_ERROR", 1, null, "hello\n", ""), "hello").status())
                .as("only an OK run is compared").isEqualTo(11);
    }

    @Test
    void runtimeErrorsMapBySignalWithJudge0sExitFields() {
        var segfault = outcome(run("RUNTIME_ERROR", 139, "SIGSEGV", "", ""), null);
        assertThat(segfault.status()).isEqualTo(7);
        assertThat(segfault.exitSignal()).isEqualTo(11);
        assertThat(segfault.exitCode()).isZero();
        assertThat(segfault.message()).isEqualTo("Caught fatal signal 11");
        assertThat(outcome(run("RUNTIME_ERROR", 136, "SIGFPE", "", ""), null).status()).isEqualTo(9);
        assertThat(outcome(run("RUNTIME_ERROR", 134, "SIGABRT", "", ""), null).status()).isEqualTo(10);
        assertThat(outcome(run("RUNTIME_ERROR", 153, "SIGXFSZ", "", ""), null).status()).isEqualTo(8);
        assertThat(outcome(run("RUNTIME_ERROR", 143, "SIGTERM", "", ""), null).status()).isEqualTo(12);
        var nzec = outcome(run("RUNTIME_ERROR", 3, null, "", "boom"), null);
        assertThat(nzec.status()).isEqualTo(11);
        assertThat(nzec.exitCode()).isEqualTo(3);
        assertThat(nzec.message()).isEqualTo("Exited with error status 3");
    }

    @Test
    void limitsAndOurFailuresMapToJudge0sStatuses() {
        var timeout = outcome(run("TIMEOUT", 137, "SIGKILL", "", ""), null);
        assertThat(timeout.status()).isEqualTo(5);
        assertThat(timeout.message()).isEqualTo("Time limit exceeded");
        assertThat(outcome(run("MEMORY_LIMIT", 137, "SIGKILL", "", ""), null).status()).isEqualTo(12);
        assertThat(outcome(run("MEMORY_LIMIT", 1, null, "", "MemoryError"), null).status()).isEqualTo(11);
        assertThat(outcome(run("OUTPUT_LIMIT", 0, null, "yyyy", ""), null).status()).isEqualTo(8);
        var internal = run("INTERNAL_ERROR", -1, null, "", "");
        internal.put("error", "the engine went away");
        assertThat(outcome(internal, null).status()).isEqualTo(13);
        assertThat(outcome(internal, null).message()).isEqualTo("the engine went away");
        assertThat(Judge0Outcome.failed("no sandbox", table).status()).isEqualTo(13);
    }

    @Test
    void aFailedCompileIsACompilationErrorWithItsOutputAndNoRunFigures() {
        var failed = run("COMPILE_ERROR", 1, null, "", "main.c:1: error");
        var compile = failed.putObject("compile");
        compile.put("status", "COMPILE_ERROR");
        compile.put("output", "main.c:1: error");

        var outcome = outcome(failed, "x");

        assertThat(outcome.status()).isEqualTo(6);
        assertThat(outcome.compileOutput()).isEqualTo("main.c:1: error");
        assertThat(outcome.stdout()).isNull();
        assertThat(outcome.time()).isNull();
        assertThat(outcome.memory()).isNull();
        assertThat(outcome.exitCode()).isNull();

        compile.put("status", "TIMEOUT");
        assertThat(outcome(failed, null).compileOutput()).isEqualTo("Compilation time limit exceeded.");
        assertThat(outcome(failed, null).status()).isEqualTo(6);
    }

    @Test
    void redirectedStderrIsTheInterleavedOutput() {
        var outcome = Judge0Outcome.of(run("OK", 0, null, "out\n", "err\n"), null, true, table);

        assertThat(outcome.stdout()).isEqualTo("out\nerr\n");
        assertThat(outcome.stderr()).isNull();
    }

    @Test
    void judge0sStripDropsTrailingWhitespacePerLineAndAtTheEnd() {
        assertThat(OutputComparison.strip("a \t\r\nb  \n\n  \n")).isEqualTo("a\nb");
        assertThat(OutputComparison.strip("  lead\n")).isEqualTo("  lead");
        assertThat(OutputComparison.matches("1 2\n", "1 2   \r\n")).isTrue();
        assertThat(OutputComparison.matches("a\nb", "a\n\nb")).isFalse();
        assertThat(OutputComparison.matches("", "")).as("empty stdout is none; Judge0 says Wrong Answer").isFalse();
    }

    @Test
    void base64IsWrittenInRubysLinesAndReadLeniently() {
        assertThat(Base64Text.encode("hello, Judge0\n")).isEqualTo("aGVsbG8sIEp1ZGdlMAo=\n");
        assertThat(Base64Text.encode("x".repeat(50))).isEqualTo(
                "eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4\neHh4eHg=\n");
        assertThat(Base64Text.encode("")).isEmpty();
        assertThat(Base64Text.encode((String) null)).isNull();
        assertThat(Base64Text.decode("SnVk\nZ2Uw")).isEqualTo("Judge0");
        assertThat(Base64Text.decode("SnVkZ2Uw!!")).isEqualTo("Judge0");
        assertThat(Base64Text.decode("SnVkZ2U")).isEqualTo("Judge");
    }

    @Test
    void decimalsAreWrittenAsRailsWritesThem() {
        assertThat(Judge0Decimals.seconds(Duration.ofMillis(1))).isEqualTo("0.001");
        assertThat(Judge0Decimals.seconds(Duration.ZERO)).isEqualTo("0.0");
        assertThat(Judge0Decimals.seconds(Duration.ofSeconds(5))).isEqualTo("5.0");
        assertThat(Judge0Decimals.of(new BigDecimal("0.50"))).isEqualTo("0.5");
        assertThat(Judge0Decimals.plain(new BigDecimal("15.000"))).isEqualTo("15");
    }

    @Test
    void fieldsDefaultToJudge0sEightAndStarIsAll() {
        assertThat(Judge0Fields.parse(null).names()).containsExactly("token", "time", "memory", "stdout", "stderr",
                "compile_output", "message", "status");
        assertThat(Judge0Fields.parse("*").names()).hasSize(40);
        assertThat(Judge0Fields.parse("stdout,status_id").names()).containsExactly("stdout", "status_id");
        assertThatThrownBy(() -> Judge0Fields.parse("stdout,nope,worse"))
                .hasMessage("invalid fields: [nope, worse]");
    }

    @Test
    void selectedTextFieldsAreEncodedWhenAsked() {
        Map<String, Object> view = new HashMap<>();
        view.put("stdout", "hi\n");
        view.put("stderr", null);
        view.put("memory", 12L);
        view.put("token", "t");

        var chosen = Judge0Fields.parse("stdout,stderr,memory,token").select(view, true);

        assertThat(chosen).containsEntry("stdout", "aGkK\n").containsEntry("stderr", null)
                .containsEntry("memory", 12L).containsEntry("token", "t");
        view.put("stdout", "bad \uFFFD byte");
        assertThat(Judge0Fields.parse(null).unconvertible(view)).isTrue();
        assertThat(Judge0Fields.parse("memory").unconvertible(view)).isFalse();
    }
}
