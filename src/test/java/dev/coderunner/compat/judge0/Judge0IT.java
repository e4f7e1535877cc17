package dev.coderunner.compat.judge0;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.coderunner.support.Api;
import dev.coderunner.support.EngineIndependent;
import dev.coderunner.support.SandboxIntegrationTest;

/**
 * Judge0 CE's API at /judge0 through real HTTP, on the real engine: Judge0's own documentation
 * examples verbatim, each status we map that a program can produce cheaply, and the error shapes.
 * Every request authenticates with Judge0's X-Auth-Token header.
 */
@EngineIndependent
@TestPropertySource(properties = "code-runner.api.keys.other.key=other-key-0001")
class Judge0IT extends SandboxIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OTHER = "other-key-0001";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Judge0's documentation example program (docs/api/submissions/create_a_submission.md). */
    private static final String HELLO_C = "#include <stdio.h>\n\nint main(void) {\n  char name[10];\n  scanf(\"%s\", name);\n"
            + "  printf(\"hello, %s\\n\", name);\n  return 0;\n}";

    private Api.Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), Api.KEY);
    }

    private Api.Reply post(String path, Map<String, ?> body) {
        return post(path, JSON.writeValueAsString(body));
    }

    private Api.Reply get(String path) {
        return get(path, Api.KEY);
    }

    private Api.Reply get(String path, String key) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), key);
    }

    private Api.Reply send(HttpRequest.Builder request, String key) {
        return api.send(request.header("X-Auth-Token", key).timeout(Duration.ofSeconds(90)).build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + "/judge0" + path);
    }

    /** Judge0's way: GET until the status is past In Queue (1) and Processing (2), within a deadline. */
    private JsonNode awaitDone(String token, String query) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            var reply = get("/submissions/" + token + query);
            assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
            if (reply.body().path("status").path("id").asInt() > 2 || reply.body().path("status_id").asInt() > 2) {
                return reply.body();
            }
            assertThat(System.nanoTime()).as("submission %s still not done", token).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static Map<String, Object> submission(Object... keyValues) {
        return Api.request(keyValues);
    }

    @Test
    void judge0sDocumentedCreateExamplesAnswerAsDocumented() throws InterruptedException {
        var created = post("/submissions", """
                {
                    "source_code": "#include <stdio.h>\\n\\nint main(void) {\\n  char name[10];\\n  scanf(\\"%s\\", name);\\n  printf(\\"hello, %s\\\\n\\", name);\\n  return 0;\\n}",
                    "language_id": 4,
                    "stdin": "world"
                }""");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().propertyNames()).containsExactly("token");

        var missingLanguage = post("/submissions", """
                {
                    "source_code": "#include <stdio.h>\\n\\nint main(void) {\\n  char name[10];\\n  scanf(\\"%s\\", name);\\n  printf(\\"hello, %s\\\\n\\", name);\\n  return 0;\\n}"
                }""");
        assertThat(missingLanguage.status()).isEqualTo(422);
        assertThat(missingLanguage.raw()).isEqualTo("{\"language_id\":[\"can't be blank\"]}");

        var unknownLanguage = post("/submissions", """
                {
                    "source_code": "#include <stdio.h>\\n\\nint main(void) {\\n  char name[10];\\n  scanf(\\"%s\\", name);\\n  printf(\\"hello, %s\\\\n\\", name);\\n  return 0;\\n}",
                    "language_id": 150000,
                    "stdin": "world",
                    "expected_output": "hello, world"
                }""");
        assertThat(unknownLanguage.status()).isEqualTo(422);
        assertThat(unknownLanguage.raw()).isEqualTo("{\"language_id\":[\"language with id 150000 doesn't exist\"]}");

        var aboveCeiling = post("/submissions", """
                {
                    "source_code": "#include <stdio.h>\\n\\nint main(void) {\\n  char name[10];\\n  scanf(\\"%s\\", name);\\n  printf(\\"hello, %s\\\\n\\", name);\\n  return 0;\\n}",
                    "language_id": 4,
                    "number_of_runs": 1,
                    "stdin": "Judge0",
                    "expected_output": "hello, Judge0",
                    "cpu_time_limit": 1,
                    "cpu_extra_time": 0.5,
                    "wall_time_limit": 100000,
                    "memory_limit": 128000,
                    "stack_limit": 128000,
                    "enable_per_process_and_thread_time_limit": false,
                    "enable_per_process_and_thread_memory_limit": false,
                    "max_file_size": 1024
                }""");
        assertThat(aboveCeiling.status()).isEqualTo(422);
        assertThat(aboveCeiling.raw()).as("our ceiling, max-timeout 30s").isEqualTo(
                "{\"wall_time_limit\":[\"must be less than or equal to 30\"]}");

        var encoded = post("/submissions?base64_encoded=true", """
                {
                    "source_code": "I2luY2x1ZGUgPHN0ZGlvLmg+CgppbnQgbWFpbih2b2lkKSB7CiAgY2hhciBuYW1lWzEwXTsKICBzY2FuZigiJXMiLCBuYW1lKTsKICBwcmludGYoImhlbGxvLCAlc1xuIiwgbmFtZSk7CiAgcmV0dXJuIDA7Cn0=",
                    "language_id": 4,
                    "input": "SnVkZ2Uw"
                }""");
        assertThat(encoded.status()).as(encoded.raw()).isEqualTo(201);
        assertThat(encoded.text("token")).isNotBlank();

        var done = awaitDone(created.text("token"), "");
        assertThat(done.path("stdout").asString()).as(done.toString()).isEqualTo("hello, world\n");
        assertThat(done.path("status").path("id").asInt()).isEqualTo(3);
        assertThat(done.path("status").path("description").asString()).isEqualTo("Accepted");
        assertThat(done.propertyNames()).containsExactlyInAnyOrder("token", "time", "memory", "stdout", "stderr",
                "compile_output", "message", "status");
    }

    @Test
    void waitTrueAnswersTheFinishedSubmissionAndGetReadsAQueuedOneInEveryForm() throws InterruptedException {
        var waited = post("/submissions?wait=true", """
                {
                    "source_code": "#include <stdio.h>\\n\\nint main(void) {\\n  char name[10];\\n  scanf(\\"%s\\", name);\\n  printf(\\"hello, %s\\\\n\\", name);\\n  return 0;\\n}",
                    "language_id": "4",
                    "stdin": "Judge0",
                    "expected_output": "hello, Judge0"
                }""");
        assertThat(waited.status()).as(waited.raw()).isEqualTo(201);
        JsonNode body = waited.body();
        assertThat(body.path("stdout").asString()).isEqualTo("hello, Judge0\n");
        assertThat(body.path("status").path("id").asInt()).isEqualTo(3);
        assertThat(body.path("time").asString()).matches("\\d+\\.\\d+");
        assertThat(body.path("memory").isIntegralNumber()).as(body.toString()).isTrue();
        assertThat(body.path("stderr").isNull()).isTrue();
        assertThat(body.path("compile_output").isNull()).as("gcc printed nothing").isTrue();
        assertThat(body.path("message").isNull()).isTrue();
        assertThat(body.propertyNames()).hasSize(8);
        var again = get("/submissions/" + body.path("token").asString() + "?fields=stdout,status_id");
        assertThat(again.status()).as("a wait=true submission is kept: " + again.raw()).isEqualTo(200);
        assertThat(again.text("stdout")).isEqualTo("hello, Judge0\n");
        assertThat(again.body().path("status_id").asInt()).isEqualTo(3);

        String token = post("/submissions", submission("source_code", HELLO_C, "language_id", 50,
                "stdin", "Judge0", "expected_output", "hello, Judge0")).text("token");
        awaitDone(token, "");

        var plain = get("/submissions/" + token).body();
        assertThat(plain.path("stdout").asString()).isEqualTo("hello, Judge0\n");
        assertThat(plain.path("token").asString()).isEqualTo(token);
        var base64 = get("/submissions/" + token + "?base64_encoded=true").body();
        assertThat(base64.path("stdout").asString()).isEqualTo("aGVsbG8sIEp1ZGdlMAo=\n");
        var chosen = get("/submissions/" + token + "?fields=stdout,stderr,status_id,language_id").body();
        assertThat(chosen.toString()).isEqualTo(
                "{\"language_id\":50,\"stdout\":\"hello, Judge0\\n\",\"status_id\":3,\"stderr\":null}");
        var all = get("/submissions/" + token + "?fields=*&base64_encoded=true").body();
        assertThat(all.propertyNames()).hasSize(40);
        assertThat(all.path("source_code").asString()).isEqualTo(Base64Text.encode(HELLO_C));
        assertThat(all.path("language").path("name").asString()).startsWith("C (GCC ");
        assertThat(all.path("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(all.path("finished_at").asString()).isNotBlank();
        assertThat(all.path("wall_time").asString()).matches("\\d+\\.\\d+");
        assertThat(all.path("exit_code").asInt()).isZero();
        assertThat(all.path("number_of_runs").asInt()).isEqualTo(1);
        assertThat(all.path("wall_time_limit").asString()).isEqualTo("10.0");

        var badFields = get("/submissions/" + token + "?fields=stdout,nope");
        assertThat(badFields.status()).isEqualTo(400);
        assertThat(badFields.raw()).isEqualTo("{\"error\":\"invalid fields: [nope]\"}");
    }

    @Test
    void judge0sDocumentedBatchExamplesAnswerAsDocumented() throws InterruptedException {
        var created = post("/submissions/batch", """
                {
                    "submissions":
                    [
                        {
                            "language_id": 46,
                            "source_code": "echo hello from Bash"
                        },
                        {
                            "language_id": 71,
                            "source_code": "print(\\"hello from Python\\")"
                        },
                        {
                            "language_id": 72,
                            "source_code": "puts(\\"hello from Ruby\\")"
                        }
                    ]
                }""");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        var tokens = new ArrayList<String>();
        created.body().forEach(item -> tokens.add(item.path("token").asString()));
        assertThat(tokens).hasSize(3).allSatisfy(token -> assertThat(token).isNotBlank());

        var mixed = post("/submissions/batch", """
                {
                    "submissions":
                    [
                        {
                            "language_id": 46,
                            "source_code": "echo hello from Bash"
                        },
                        {
                            "language_id": 123456789,
                            "source_code": "print(\\"hello from Python\\")"
                        },
                        {
                            "language_id": 72,
                            "source_code": ""
                        }
                    ]
                }""");
        assertThat(mixed.status()).as(mixed.raw()).isEqualTo(201);
        assertThat(mixed.body().get(0).path("token").asString()).isNotBlank();
        assertThat(mixed.body().get(1).toString()).isEqualTo("{\"language_id\":[\"language with id 123456789 doesn't exist\"]}");
        assertThat(mixed.body().get(2).toString()).isEqualTo("{\"source_code\":[\"can't be blank\"]}");

        for (String token : tokens) {
            awaitDone(token, "?fields=status_id");
        }
        var read = get("/submissions/batch?tokens=" + String.join(",", tokens) + ",unknown-token"
                + "&base64_encoded=false&fields=token,stdout,stderr,status_id,language_id");
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        JsonNode items = read.body().path("submissions");
        assertThat(items.size()).isEqualTo(4);
        assertThat(items.get(0).toString()).isEqualTo("{\"language_id\":46,\"stdout\":\"hello from Bash\\n\",\"status_id\":3,"
                + "\"stderr\":null,\"token\":\"" + tokens.get(0) + "\"}");
        assertThat(items.get(1).path("stdout").asString()).isEqualTo("hello from Python\n");
        assertThat(items.get(2).path("stdout").asString()).isEqualTo("hello from Ruby\n");
        assertThat(items.get(3).isNull()).isTrue();
    }

    @Test
    void eachMappedStatusComesFromARealProgram() throws InterruptedException {
        var programs = new LinkedHashMap<Integer, Map<String, Object>>();
        programs.put(3, submission("language_id", 71, "source_code", "print(input())", "stdin", "same",
                "expected_output", "same  \n\n"));
        programs.put(4, submission("language_id", 71, "source_code", "print('this')", "expected_output", "that"));
        programs.put(5, submission("language_id", 71, "source_code", "while True: pass", "cpu_time_limit", 1,
                "wall_time_limit", 3));
        programs.put(6, submission("language_id", 50, "source_code", "int main(void) { return missing; }"));
        programs.put(7, submission("language_id", 50, "source_code",
                "int main(void) { volatile int *p = 0; *p = 1; return 0; }"));
        programs.put(9, submission("language_id", 50, "source_code",
                "int main(void) { volatile int seven = 7, zero = 0; return seven / zero; }"));
        programs.put(10, submission("language_id", 50, "source_code", "#include <stdlib.h>\nint main(void) { abort(); }"));
        programs.put(11, submission("language_id", 71, "source_code", "import sys; sys.exit(3)"));
        var created = post("/submissions/batch", Map.of("submissions", List.copyOf(programs.values())));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);

        var expected = new ArrayList<>(programs.keySet());
        for (int i = 0; i < expected.size(); i++) {
            String token = created.body().get(i).path("token").asString();
            var done = awaitDone(token, "?fields=status,exit_code,exit_signal,message,compile_output,stdout");
            assertThat(done.path("status").path("id").asInt()).as("program for status %s: %s", expected.get(i), done)
                    .isEqualTo(expected.get(i));
            switch (expected.get(i)) {
                case 6 -> assertThat(done.path("compile_output").asString()).contains("missing");
                case 7 -> {
                    assertThat(done.path("exit_signal").asInt()).isEqualTo(11);
                    assertThat(done.path("message").asString()).isEqualTo("Caught fatal signal 11");
                }
                case 11 -> {
                    assertThat(done.path("exit_code").asInt()).isEqualTo(3);
                    assertThat(done.path("message").asString()).isEqualTo("Exited with error status 3");
                }
                default -> { }
            }
        }
    }

    @Test
    void stdinArgumentsFilesAndRedirectReachTheProgram() throws IOException {
        var args = post("/submissions?wait=true&fields=stdout,status", submission("language_id", 92,
                "source_code", "import sys; print(sys.argv[1:]); print(input())", "stdin", "typed",
                "command_line_arguments", "one 'two words' \"three\""));
        assertThat(args.body().path("stdout").asString()).as(args.raw()).isEqualTo("['one', 'two words', 'three']\ntyped\n");

        var zip = new ByteArrayOutputStream();
        try (var out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("helper.py"));
            out.write("GREETING = 'from the archive'\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        String archive = Base64.getEncoder().encodeToString(zip.toByteArray());
        var files = post("/submissions?wait=true", submission("language_id", 71,
                "source_code", "import helper; print(helper.GREETING)", "additional_files", archive));
        assertThat(files.body().path("stdout").asString()).as(files.raw()).isEqualTo("from the archive\n");

        var redirected = post("/submissions?wait=true&fields=stdout,stderr", submission("language_id", 71,
                // One write(2) per line: the image runs Python unbuffered, where print's text and its
                // newline are two writes, and the two pipes' writes may interleave in between.
                "source_code", "import sys; sys.stdout.write('out\\n'); sys.stdout.flush(); sys.stderr.write('err\\n')",
                "redirect_stderr_to_stdout", true));
        assertThat(redirected.body().path("stdout").asString().lines().sorted()).as("both streams, in the order the engine "
                + "delivered them: %s", redirected.raw()).containsExactly("err", "out");
        assertThat(redirected.body().path("stderr").isNull()).isTrue();

        var encoded = post("/submissions?wait=true&base64_encoded=true&fields=stdout,stderr,status", submission(
                "language_id", 71, "source_code", Base64Text.encode("import sys; print(sys.stdin.read().upper())"),
                "stdin", Base64Text.encode("shout")));
        assertThat(Base64Text.decode(encoded.body().path("stdout").asString())).as(encoded.raw()).isEqualTo("SHOUT\n");
    }

    @Test
    void refusalsUseJudge0sShapes() throws IOException {
        var network = post("/submissions", submission("language_id", 71, "source_code", "print(1)", "enable_network", true));
        assertThat(network.status()).isEqualTo(422);
        assertThat(network.raw()).isEqualTo("{\"enable_network\":[\"enabling network is not allowed\"]}");

        var cpu = post("/submissions", submission("language_id", 71, "source_code", "print(1)", "cpu_time_limit", 99));
        assertThat(cpu.status()).isEqualTo(422);
        assertThat(cpu.raw()).isEqualTo("{\"cpu_time_limit\":[\"must be less than or equal to 30\"]}");

        var flags = post("/submissions", submission("language_id", 50, "source_code", "int main(void){}",
                "compiler_options", "-O3"));
        assertThat(flags.raw()).isEqualTo("{\"compiler_options\":[\"setting compiler options is not allowed\"]}");

        var zip = new ByteArrayOutputStream();
        try (var out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("../escape.py"));
            out.write('x');
            out.closeEntry();
        }
        var badName = post("/submissions", submission("language_id", 71, "source_code", "print(1)",
                "additional_files", Base64.getEncoder().encodeToString(zip.toByteArray())));
        assertThat(badName.status()).as(badName.raw()).isEqualTo(422);
        assertThat(badName.body().path("additional_files").get(0).asString()).contains("../escape.py");

        var malformed = post("/submissions", "{\"source_code\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.raw()).isEqualTo("{\"status\":400,\"error\":\"Bad Request\"}");

        var notJson = send(HttpRequest.newBuilder(uri("/submissions")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("print(1)")), Api.KEY);
        assertThat(notJson.status()).isEqualTo(422);
        assertThat(notJson.body().path("source_code").get(0).asString()).isEqualTo("can't be blank");

        var unknown = get("/submissions/no-such-token");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.raw()).isEqualTo("{\"status\":404,\"error\":\"Not Found\"}");
    }

    @Test
    void aSubmissionIsItsKeysAloneAndTheKeyIsNeeded() throws InterruptedException {
        String token = post("/submissions", submission("language_id", 71, "source_code", "print(1)")).text("token");

        assertThat(get("/submissions/" + token, OTHER).status()).isEqualTo(404);
        assertThat(get("/submissions/batch?tokens=" + token, OTHER).body().path("submissions").get(0).isNull()).isTrue();
        assertThat(awaitDone(token, "").path("stdout").asString()).isEqualTo("1\n");
        var anonymous = api.send(HttpRequest.newBuilder(uri("/submissions/" + token)).GET().build());
        assertThat(anonymous.status()).isEqualTo(401);
        var apiKeyHeader = api.get("/judge0/submissions/" + token, Api.KEY);
        assertThat(apiKeyHeader.status()).as("our own header works too").isEqualTo(200);
    }

    @Test
    void languagesStatusesAboutAndConfigInfoHaveJudge0sShapes() {
        var languages = get("/languages");
        assertThat(languages.status()).isEqualTo(200);
        var ids = new ArrayList<Integer>();
        languages.body().forEach(language -> {
            assertThat(language.propertyNames()).containsExactlyInAnyOrder("id", "name");
            ids.add(language.path("id").asInt());
        });
        assertThat(ids).contains(46, 50, 54, 62, 63, 71, 72, 73, 74, 92).doesNotContain(4, 70);
        String python = "";
        for (JsonNode language : languages.body()) {
            if (language.path("id").asInt() == 71) {
                python = language.path("name").asString();
            }
        }
        assertThat(python).matches("Python \\(3\\.\\d+(\\.\\d+)?\\)");

        var c = get("/languages/50").body();
        assertThat(c.propertyNames()).containsExactly("id", "name", "is_archived", "source_file", "compile_cmd", "run_cmd");
        assertThat(c.path("source_file").asString()).isEqualTo("main.c");
        assertThat(c.path("compile_cmd").asString()).contains("gcc");
        assertThat(get("/languages/4").body().path("is_archived").asBoolean()).isTrue();
        assertThat(get("/languages/70").status()).isEqualTo(404);

        var statuses = get("/statuses").body();
        assertThat(statuses.size()).isEqualTo(14);
        assertThat(statuses.get(10).toString()).isEqualTo("{\"id\":11,\"description\":\"Runtime Error (NZEC)\"}");

        assertThat(get("/about").body().propertyNames()).containsExactly("version", "homepage", "source_code", "maintainer");

        var config = get("/config_info").body();
        assertThat(config.path("enable_network").asBoolean()).isFalse();
        assertThat(config.path("allow_enable_network").asBoolean()).isFalse();
        assertThat(config.path("enable_compiler_options").asBoolean()).isFalse();
        assertThat(config.path("max_wall_time_limit").asDouble()).isEqualTo(30.0);
        assertThat(config.path("wall_time_limit").asDouble()).isEqualTo(10.0);
        assertThat(config.path("max_memory_limit").asLong()).isEqualTo(256 * 1024);
        assertThat(config.path("enable_wait_result").asBoolean()).isTrue();
        assertThat(config.path("enable_callbacks").asBoolean()).as("no CALLBACK_SECRET in the tests").isFalse();
        assertThat(config.path("callbacks_max_tries").asInt()).isEqualTo(4);
        assertThat(config.propertyNames()).as("Judge0's 40 keys").hasSize(40)
                .contains("max_cpu_time_limit", "max_queue_size", "max_submission_batch_size", "disable_implicit_base64_encoding");
    }
}
