package dev.coderunner.api;

import static dev.coderunner.support.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.coderunner.support.Api;
import dev.coderunner.support.SandboxIntegrationTest;

/** Measured resources, request limits that can only go down, compile-stage hostility, file names. */
class ResourcesIT extends SandboxIntegrationTest {

    @Test
    void cpuTimeAndPeakMemoryAreMeasuredFromTheCgroup() {
        var reply = api.run("python", """
                import time
                block = b'\\x01' * (100 * 1024 * 1024)
                start = time.process_time()
                while time.process_time() - start < 1.0:
                    pass
                print(len(block))
                """);

        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("OK");
        // Under gVisor the figure includes its user-space kernel's own work for the program.
        double most = System.getProperty("test.docker.runtime", "").equals("runsc") ? 4.0 : 2.5;
        assertThat(reply.body().get("cpu_time").asDouble()).isBetween(1.0, most);
        assertThat(reply.body().get("memory").asLong()).isBetween(100L * 1024 * 1024, 200L * 1024 * 1024);
    }

    @Test
    void memoryBombInCIsAMemoryLimit() {
        var reply = api.run("c", """
                #include <stdlib.h>
                #include <string.h>
                int main(void) {
                    for (;;) { char *p = malloc(1 << 20); if (p) memset(p, 1, 1 << 20); }
                }
                """);

        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("MEMORY_LIMIT");
        assertThat(reply.text("signal")).isEqualTo("SIGKILL");
    }

    @Test
    void memoryBombInJavaIsAMemoryLimit() {
        var reply = api.run("java", """
                import java.util.*;
                public class Main {
                    public static void main(String[] args) {
                        List<long[]> hoard = new ArrayList<>();
                        while (true) hoard.add(new long[1 << 20]);
                    }
                }
                """);

        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("MEMORY_LIMIT");
        assertThat(api.run("python", "print('next')").text("output")).isEqualTo("next\n");
    }

    @Test
    void requestCanLowerTheMemoryLimit() {
        String touch80Mb = "block = b'\\x01' * (80 * 1024 * 1024)\nprint('done')";

        assertThat(api.run("python", touch80Mb).text("status")).isEqualTo("OK");
        var lowered = api.execute(request("language", "python", "memory_limit_mb", 48, "code", touch80Mb));
        assertThat(lowered.text("status")).as(lowered.raw()).isEqualTo("MEMORY_LIMIT");
    }

    @Test
    @DisabledIfSystemProperty(named = "test.docker.runtime", matches = "runsc",
            disabledReason = "gVisor (2022-12-19) does not enforce RLIMIT_CPU; the wall-clock timeout still ends the program")
    void cpuTimeLimitStopsABusyLoopBeforeTheWallClock() {
        var reply = api.execute(request("language", "python", "cpu_time", 1, "timeout", 15,
                "code", "while True:\n    pass"));

        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("TIMEOUT");
        assertThat(reply.text("signal")).isIn("SIGXCPU", "SIGKILL");
        assertThat(reply.body().get("execution_time").asDouble()).isLessThan(5.0);
    }

    @Test
    void compilerFedDevRandomEndsAsACompileFailureAndTheServiceStaysHealthy() {
        var reply = api.execute(request("language", "c", "compile_timeout", 8,
                "code", "#include \"/dev/random\"\nint main(void) { return 0; }"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("status")).as(reply.raw()).isIn("COMPILE_ERROR", "TIMEOUT");
        assertThat(reply.body().get("compile").get("execution_time").asDouble()).isLessThan(10.0);
        assertThat(api.get("/health", Api.KEY).status()).isEqualTo(200);
        assertThat(api.run("c", "#include <stdio.h>\nint main(void){puts(\"ok\");}").text("output")).isEqualTo("ok\n");
    }

    @Test
    void compileStepHasItsOwnReportedFigures() {
        var reply = api.run("c", "#include <stdio.h>\nint main(void){puts(\"ok\");return 0;}");

        var compile = reply.body().get("compile");
        assertThat(compile.get("status").asString()).isEqualTo("OK");
        assertThat(compile.get("execution_time").asDouble()).isPositive();
        assertThat(compile.get("cpu_time").asDouble()).isPositive();
        assertThat(compile.get("memory").asLong()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"language\":\"python\",\"code\":\"1\",\"memory_limit_mb\":100000}",
            "{\"language\":\"python\",\"code\":\"1\",\"memory_limit_mb\":1}",
            "{\"language\":\"python\",\"code\":\"1\",\"cpu_time\":100000}",
            "{\"language\":\"c\",\"code\":\"1\",\"compile_timeout\":100000}",
            "{\"language\":\"python\",\"code\":\"1\",\"timeout\":100000}",
    })
    void limitsAboveTheCeilingAreRefusedNotClamped(String body) {
        var reply = api.post("/execute", body, "application/json", Api.KEY);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(422);
        assertThat(reply.text("type")).isEqualTo("urn:code-runner:problem:invalid-request");
        assertThat(reply.text("detail")).contains("between");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../escape.py", "a/../../b.py", ".hidden", "dir//x.py", ""})
    void unsafeFileNamesAreRefused(String name) {
        var reply = api.execute(request("language", "python", "code", "print(1)",
                "files", List.of(Map.of("name", name, "content", "x = 1"))));

        assertThat(reply.status()).as(reply.raw()).isEqualTo(422);
        assertThat(reply.text("type")).isEqualTo("urn:code-runner:problem:invalid-request");
    }

    @Test
    void duplicateFileNamesAreRefused() {
        var reply = api.execute(request("language", "python", "files", List.of(
                Map.of("name", "a.py", "content", "1"), Map.of("name", "a.py", "content", "2"))));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.text("detail")).contains("twice");
    }

    @Test
    void base64FilesAreDecodedAndBadBase64IsRefused() {
        String data = Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 255});
        var reply = api.execute(request("language", "python",
                "code", "print(list(open('data.bin', 'rb').read()))",
                "files", List.of(Map.of("name", "data.bin", "content", data, "encoding", "base64"))));
        assertThat(reply.text("output")).isEqualTo("[0, 1, 2, 255]\n");

        var bad = api.execute(request("language", "python", "code", "1",
                "files", List.of(Map.of("name", "x.bin", "content", "***", "encoding", "base64"))));
        assertThat(bad.status()).isEqualTo(422);
    }

    @Test
    void withoutCodeTheFileNamedMainIsTheEntryPoint() {
        var reply = api.execute(request("language", "python", "files", List.of(
                Map.of("name", "helper.py", "content", "VALUE = 42"),
                Map.of("name", "main.py", "content", "import helper, sys\nprint(helper.VALUE, sys.argv[0])"))));

        assertThat(reply.text("output")).as(reply.raw()).isEqualTo("42 main.py\n");
    }
}
