package dev.coderunner.compat.piston;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.coderunner.support.Api;
import dev.coderunner.support.EngineIndependent;
import dev.coderunner.support.SandboxIntegrationTest;

/**
 * Piston's v2 API through real HTTP: its request and answer shapes, its statuses and error
 * shapes, and the npm Piston clients, unchanged, pointed at the service. Calls without a key are
 * charged to the named key PISTON_ANONYMOUS_KEY names.
 */
@EngineIndependent
@TestPropertySource(properties = {"API_KEYS_FILE=src/test/resources/keys/piston-keys.yml",
        "code-runner.compat.piston.anonymous-key=piston-guests"})
class PistonIT extends SandboxIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path CLIENTS = Path.of("src/test/node");

    private Api.Reply execute(Object body) {
        return api.post("/api/v2/execute", JSON.writeValueAsString(body), "application/json", null);
    }

    private static Map<String, Object> python(String code, Object... more) {
        var body = new java.util.LinkedHashMap<String, Object>(Map.of("language", "python", "version", "*",
                "files", List.of(Map.of("content", code))));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    @Test
    void runtimesListEveryLanguageWithTheVersionItsRuntimeReports() {
        var reply = api.get("/api/v2/runtimes", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().isArray()).isTrue();
        var languages = api.get("/languages", Api.KEY).body().path("languages");
        assertThat(reply.body().size()).isEqualTo(languages.size());
        JsonNode python = find(reply.body(), "python");
        assertThat(python.path("aliases").toString()).contains("\"py\"", "\"python3\"");
        String reported = null;
        for (JsonNode language : languages) {
            if (language.path("id").asString().equals("python")) {
                reported = language.path("version").asString();
            }
        }
        assertThat(python.path("version").asString()).isEqualTo(reported).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(find(reply.body(), "c++").path("aliases").toString()).contains("\"cpp\"");
    }

    @Test
    void executeAnswersInPistonsShape() {
        var reply = execute(Map.of("language", "js", "version", "*",
                "files", List.of(Map.of("name", "my_cool_code.js", "content", "console.log(process.argv.slice(2))")),
                "stdin", "", "args", List.of("1", "2", "3"), "compile_timeout", 10000, "run_timeout", 3000,
                "compile_memory_limit", -1, "run_memory_limit", -1));

        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.text("language")).isEqualTo("javascript");
        assertThat(reply.text("version")).matches("\\d+\\.\\d+\\.\\d+");
        JsonNode run = reply.body().path("run");
        assertThat(run.path("stdout").asString()).isEqualTo("[ '1', '2', '3' ]\n");
        assertThat(run.path("output").asString()).isEqualTo("[ '1', '2', '3' ]\n");
        assertThat(run.path("stderr").asString()).isEmpty();
        assertThat(run.path("code").asInt()).isZero();
        assertThat(run.get("signal").isNull()).isTrue();
        assertThat(run.get("status").isNull()).isTrue();
        assertThat(run.get("message").isNull()).isTrue();
        assertThat(run.path("wall_time").asDouble()).isPositive();
        assertThat(reply.body().has("compile")).as("an interpreted language has no compile stage").isFalse();
    }

    @Test
    void aCompiledLanguageHasACompileStageAndACompileErrorIsAlsoTheRun() {
        var ok = execute(Map.of("language", "c++", "version", "12.x",
                "files", List.of(Map.of("content", "#include <iostream>\nint main() { std::cout << 42 << '\\n'; }"))));
        assertThat(ok.body().path("compile").path("code").asInt()).as(ok.raw()).isZero();
        assertThat(ok.body().path("run").path("stdout").asString()).isEqualTo("42\n");

        var broken = execute(Map.of("language", "c", "version", "*",
                "files", List.of(Map.of("content", "int main(void) { return missing; }"))));
        JsonNode compile = broken.body().path("compile");
        assertThat(compile.path("code").asInt()).as(broken.raw()).isNotZero();
        assertThat(compile.path("status").asString()).isEqualTo("RE");
        assertThat(compile.path("stderr").asString()).contains("missing");
        assertThat(broken.body().path("run")).isEqualTo(compile);
    }

    @Test
    void statusesAreThoseOfPiston() {
        JsonNode error = execute(python("raise SystemExit(3)")).body().path("run");
        assertThat(error.path("status").asString()).isEqualTo("RE");
        assertThat(error.path("code").asInt()).isEqualTo(3);
        assertThat(error.path("message").asString()).isEqualTo("Exited with error status 3");

        JsonNode signalled = execute(python("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)")).body().path("run");
        assertThat(signalled.path("status").asString()).as(signalled.toString()).isEqualTo("SG");
        assertThat(signalled.path("signal").asString()).isEqualTo("SIGSEGV");
        assertThat(signalled.get("code").isNull()).isTrue();

        JsonNode timedOut = execute(python("while True: pass", "run_timeout", 500)).body().path("run");
        assertThat(timedOut.path("status").asString()).isEqualTo("TO");
        assertThat(timedOut.path("signal").asString()).isEqualTo("SIGKILL");
        assertThat(timedOut.get("code").isNull()).isTrue();

        JsonNode flooded = execute(python("while True: print('x' * 1000)")).body().path("run");
        assertThat(flooded.path("status").asString()).isEqualTo("OL");
        JsonNode errFlood = execute(python("import sys\nwhile True: sys.stderr.write('x' * 1000)")).body().path("run");
        assertThat(errFlood.path("status").asString()).isEqualTo("EL");
    }

    @Test
    void stdinEndsWithANewlineAndFilesMayBeNamedAndEncoded() {
        var stdin = execute(python("import sys\nprint(repr(sys.stdin.read()))", "stdin", "no newline"));
        assertThat(stdin.body().path("run").path("stdout").asString()).isEqualTo("'no newline\\n'\n");

        String helper = "def answer():\n    return 42\n";
        var reply = execute(Map.of("language", "python", "version", "3",
                "files", List.of(Map.of("name", "app.py", "content", "import util, data\nprint(util.answer(), data.VALUE)"),
                        Map.of("name", "util.py", "content", Base64.getEncoder().encodeToString(helper.getBytes()),
                                "encoding", "base64"),
                        Map.of("name", "data.py", "content", HexFormat.of().formatHex("VALUE = 'hex'\n".getBytes()),
                                "encoding", "hex"))));
        assertThat(reply.body().path("run").path("stdout").asString()).as(reply.raw()).isEqualTo("42 hex\n");
    }

    @Test
    void limitsAreInMillisecondsAndBytesAndAboveTheCeilingAreRefusedWithPistonsMessage() {
        String allocate = "block = bytearray(100 * 1024 * 1024)\nprint('allocated')";
        JsonNode fits = execute(python(allocate, "run_cpu_time", 5000)).body().path("run");
        assertThat(fits.path("stdout").asString()).as(fits.toString()).isEqualTo("allocated\n");
        JsonNode capped = execute(python(allocate, "run_memory_limit", 64L * 1024 * 1024)).body().path("run");
        assertThat(capped.path("status").asString()).as(capped.toString()).isIn("SG", "RE");
        assertThat(capped.path("message").asString()).isEqualTo("Memory limit exceeded");

        var tooLong = execute(python("print(1)", "run_timeout", 31_000));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.text("message")).isEqualTo("run_timeout cannot exceed the configured limit of 30000");

        var tooBig = execute(python("print(1)", "run_memory_limit", 1L << 40));
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.text("message")).startsWith("run_memory_limit cannot exceed the configured limit of ");

        var notANumber = execute(python("print(1)", "run_timeout", "fast"));
        assertThat(notANumber.text("message")).isEqualTo("If specified, run_timeout must be a number");
    }

    @Test
    void refusalsComeInPistonsErrorShape() {
        var unknown = execute(Map.of("language", "cobol", "version", "*", "files", List.of(Map.of("content", "x"))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().size()).isEqualTo(1);
        assertThat(unknown.text("message")).isEqualTo("cobol-* runtime is unknown");

        var noVersion = execute(Map.of("language", "python", "version", "2.x", "files", List.of(Map.of("content", "x"))));
        assertThat(noVersion.text("message")).isEqualTo("python-2.x runtime is unknown");

        var noFiles = execute(Map.of("language", "python", "version", "*"));
        assertThat(noFiles.text("message")).isEqualTo("files is required as an array");

        var onlyBinary = execute(Map.of("language", "python", "version", "*",
                "files", List.of(Map.of("content", "AA==", "encoding", "base64"))));
        assertThat(onlyBinary.text("message")).isEqualTo("files must include at least one utf8 encoded file");

        var wrongType = api.post("/api/v2/execute", "{}", "application/xml", null);
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.text("message")).isEqualTo("requests must be of type application/json");

        var malformed = api.post("/api/v2/execute", "{\"language\": ", "application/json", null);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("message")).isNotBlank();
    }

    @Test
    void jsonLabelledTextIsAcceptedAndMinusOneMeansTheDefault() {
        String body = JSON.writeValueAsString(python("print('plain')", "run_memory_limit", -1,
                "compile_memory_limit", -1, "run_timeout", 0));

        var reply = api.post("/api/v2/execute", body, "text/plain;charset=UTF-8", null);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.body().path("run").path("stdout").asString()).isEqualTo("plain\n");
    }

    @Test
    void packagesAreReadOnly() {
        var list = api.get("/api/v2/packages", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get(0).has("language_version")).isTrue();
        assertThat(list.body().get(0).path("installed").asBoolean()).isTrue();

        var install = api.post("/api/v2/packages", "{\"language\": \"bash\", \"version\": \"5.x\"}", "application/json", null);
        assertThat(install.status()).isEqualTo(405);
        assertThat(install.text("message")).contains("images");
    }

    @Test
    void unauthenticatedCallsAreChargedToTheNamedKeyAndKeysStillWork() {
        var anonymous = execute(python("print(1)"));
        assertThat(anonymous.headers().get("ratelimit-policy")).isEqualTo("\"piston-guests\";q=1000;w=60");

        var withKey = api.post("/api/v2/execute", JSON.writeValueAsString(python("print(2)")), "application/json", Api.KEY);
        assertThat(withKey.status()).isEqualTo(200);
        assertThat(withKey.headers()).doesNotContainKey("ratelimit-policy");
        assertThat(api.get("/languages", null).status()).as("only Piston's paths are open").isEqualTo(401);
    }

    @Test
    void theNpmPistonClientsWorkUnchanged() throws IOException, InterruptedException {
        assertThat(CLIENTS.resolve("node_modules/piston-client")).as("npm ci in src/test/node (scripts/test.sh does it)")
                .isDirectory();
        var builder = new ProcessBuilder("node", "piston-clients.mjs").directory(CLIENTS.toFile()).redirectErrorStream(true);
        builder.environment().put("PISTON_URL", "http://127.0.0.1:" + port());
        var process = builder.start();
        process.getOutputStream().close();
        byte[] output;
        try (var in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        String report = new String(output, StandardCharsets.UTF_8);
        assertThat(ended).isTrue();
        assertThat(process.exitValue()).as(report).isZero();
        assertThat(report).contains("ok piston-client runs hello world in c++", "checks passed");
    }

    private static JsonNode find(JsonNode runtimes, String language) {
        for (JsonNode runtime : runtimes) {
            if (runtime.path("language").asString().equals(language)) {
                return runtime;
            }
        }
        throw new AssertionError("no runtime " + language + " in " + runtimes);
    }
}
