package dev.coderunner.api;

import static dev.coderunner.support.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import dev.coderunner.support.Api;
import dev.coderunner.support.SandboxIntegrationTest;

/** A program against test cases, through HTTP: verdicts per case, compiled once, a fresh sandbox per case. */
class TestCasesIT extends SandboxIntegrationTest {

    private static Map<String, Object> test(String stdin, String expected) {
        return Map.of("stdin", stdin, "expected_output", expected);
    }

    @Test
    void aCompiledProgramAgainstManyCasesIsJudgedCaseByCaseEachInAFreshSandbox() {
        // Each case leaves a file behind and reports whether it found one: in a shared sandbox the
        // later cases would. Writing the compiled program itself must fail: it is handed over read-only.
        String code = """
                #include <stdio.h>
                #include <unistd.h>
                #include <errno.h>
                #include <string.h>
                #include <fcntl.h>
                int main(int argc, char **argv) {
                    long a, b;
                    if (scanf("%ld %ld", &a, &b) != 2) return 3;
                    int seen = access("left-behind", F_OK) == 0;
                    close(open("left-behind", O_CREAT | O_WRONLY, 0600));
                    int fd = open(argv[0], O_WRONLY);
                    fprintf(stderr, "seen=%d artefact-writable=%d\\n", seen, fd >= 0);
                    printf("%ld\\n", a + b);
                    return 0;
                }
                """;
        var tests = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 20; i++) {
            tests.add(test(i + " " + (i * 7), (i + i * 7) + "\n"));
        }

        var reply = api.execute(request("language", "c", "code", code, "tests", tests));

        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.text("verdict")).as(reply.raw()).isEqualTo("ACCEPTED");
        assertThat(reply.body().path("passed").asInt()).isEqualTo(20);
        assertThat(reply.body().path("total").asInt()).isEqualTo(20);
        assertThat(reply.body().path("compile").path("status").asString()).isEqualTo("OK");
        assertThat(reply.text("stdout")).as("the first case's fields").isEqualTo("0\n");
        assertThat(reply.text("stderr")).isEqualTo("seen=0 artefact-writable=0\n");
        var names = new HashSet<String>();
        for (JsonNode test : reply.body().path("tests")) {
            assertThat(test.path("verdict").asString()).isEqualTo("ACCEPTED");
            assertThat(test.path("stderr").asString()).isEqualTo("seen=0 artefact-writable=0\n");
            assertThat(test.path("execution_time").isNumber()).isTrue();
            names.add(test.path("name").asString());
        }
        assertThat(names).hasSize(20).contains("test 1", "test 20");
    }

    @Test
    void eachCaseGetsItsOwnVerdictAndTheWholeTakesTheFirstFailure() {
        String code = """
                import sys
                n = int(sys.stdin.read())
                if n == 2: print(n * 3)
                elif n == 3: raise SystemExit(4)
                elif n == 4:
                    while True: pass
                else: print(n * 2)
                """;
        var reply = api.execute(request("language", "python", "code", code, "timeout", 2, "tests", List.of(
                Map.of("name", "one", "stdin", "1", "expected_output", "2"),
                test("2", "4"), test("3", "6"), test("4", "8"), test("5", "10"))));

        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        var verdicts = reply.body().path("tests").valueStream().map(t -> t.path("verdict").asString()).toList();
        assertThat(verdicts).containsExactly("ACCEPTED", "WRONG_ANSWER", "RUNTIME_ERROR", "TIMEOUT", "ACCEPTED");
        assertThat(reply.text("verdict")).isEqualTo("WRONG_ANSWER");
        assertThat(reply.body().path("passed").asInt()).isEqualTo(2);
        assertThat(reply.body().path("tests").get(0).path("name").asString()).isEqualTo("one");
        assertThat(reply.body().path("tests").get(1).path("stdout").asString()).isEqualTo("6\n");
        assertThat(reply.body().path("tests").get(2).path("exit_code").asInt()).isEqualTo(4);
    }

    @Test
    void stoppingAtTheFirstFailureSkipsTheRest() {
        var reply = api.execute(request("language", "javascript", "stop_on_first_failure", true,
                "code", "const n = +require('fs').readFileSync(0, 'utf8'); console.log(n === 2 ? 0 : n * n);",
                "tests", List.of(test("1", "1"), test("2", "4"), test("3", "9"))));

        var verdicts = reply.body().path("tests").valueStream().map(t -> t.path("verdict").asString()).toList();
        assertThat(verdicts).as(reply.raw()).containsExactly("ACCEPTED", "WRONG_ANSWER", "SKIPPED");
        assertThat(reply.body().path("tests").get(2).path("stdout").isNull()).isTrue();
        assertThat(reply.text("verdict")).isEqualTo("WRONG_ANSWER");
    }

    @Test
    void javaIsCompiledOnceAndArgsAndComparisonsApply() {
        String code = """
                public class Main {
                    public static void main(String[] args) {
                        double x = Double.parseDouble(args[0]);
                        System.out.println("root   " + Math.sqrt(x));
                    }
                }
                """;
        var reply = api.execute(request("language", "java", "code", code, "comparison", Map.of("float", 1e-6),
                "tests", List.of(
                        Map.of("args", List.of("2"), "expected_output", "root 1.414213"),
                        Map.of("args", List.of("9"), "expected_output", "root 3"),
                        Map.of("args", List.of("10"), "expected_output", "root 3.2"))));

        var verdicts = reply.body().path("tests").valueStream().map(t -> t.path("verdict").asString()).toList();
        assertThat(verdicts).as(reply.raw()).containsExactly("ACCEPTED", "ACCEPTED", "WRONG_ANSWER");
    }

    @Test
    void aCompileErrorIsEveryCasesVerdict() {
        var reply = api.execute(request("language", "go", "code", "package main\nfunc main() { undefined() }\n",
                "tests", List.of(test("", "x"), test("", "y"))));

        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("COMPILE_ERROR");
        assertThat(reply.text("verdict")).isEqualTo("COMPILE_ERROR");
        assertThat(reply.body().path("passed").asInt()).isZero();
        var verdicts = reply.body().path("tests").valueStream().map(t -> t.path("verdict").asString()).toList();
        assertThat(verdicts).containsExactly("COMPILE_ERROR", "COMPILE_ERROR");
    }

    @Test
    void aPlainRunHasNoTestFields() {
        var reply = api.run("python", "print(1)");

        assertThat(reply.body().has("tests")).isFalse();
        assertThat(reply.body().has("verdict")).isFalse();
    }

    @Test
    void badTestsAreTheRequestsFault() {
        var tooMany = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 65; i++) {
            tooMany.add(test("", ""));
        }
        var replies = List.of(
                api.execute(request("language", "python", "code", "print(1)", "tests", tooMany)),
                api.execute(request("language", "python", "code", "print(1)", "tests", List.of())),
                api.execute(request("language", "python", "code", "print(1)", "tests", List.of(Map.of("stdin", "")))),
                api.execute(request("language", "python", "code", "print(1)", "tests", List.of(test("", "1")),
                        "comparison", "fuzzy")),
                api.execute(request("language", "python", "code", "print(1)", "tests", List.of(test("", "1")),
                        "comparison", Map.of("float", -1))),
                api.execute(request("language", "python", "code", "print(1)", "comparison", "exact")));

        for (Api.Reply reply : replies) {
            assertThat(reply.status()).as(reply.raw()).isIn(400, 422);
            assertThat(reply.headers().get("content-type")).contains("application/problem+json");
        }
    }
}
