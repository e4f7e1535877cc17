package dev.coderunner.api;

import static dev.coderunner.support.Api.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import dev.coderunner.support.SandboxIntegrationTest;

/** The same behaviours in every registered language, against its real runtime image. */
class LanguageConformanceIT extends SandboxIntegrationTest {

    record Sample(String language, Map<String, Object> programs) {
        String program(String key) {
            return (String) programs.get(key);
        }

        @Override
        public String toString() {
            return language;
        }
    }

    @SuppressWarnings("unchecked")
    static Stream<Sample> languages() {
        try (InputStream in = LanguageConformanceIT.class.getResourceAsStream("/conformance/programs.yml")) {
            Map<String, Map<String, Object>> all = new Yaml().load(in);
            return all.entrySet().stream().map(entry -> new Sample(entry.getKey(), entry.getValue()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void helloWorld(Sample sample) {
        var reply = api.run(sample.language(), sample.program("hello"));

        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("OK");
        assertThat(reply.text("output")).isEqualTo("Hello World\n");
        assertThat(reply.text("language")).isEqualTo(sample.language());
        assertThat(reply.text("version")).matches("\\d+(\\.\\d+)+");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void stdinIsEchoedBack(Sample sample) {
        var reply = api.execute(request("language", sample.language(), "code", sample.program("echo"),
                "stdin", "line one\nline two ünïcode\n"));

        assertThat(reply.text("output")).as(reply.raw()).isEqualTo("line one\nline two ünïcode\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void argumentsReachTheProgram(Sample sample) {
        var reply = api.execute(request("language", sample.language(), "code", sample.program("args"),
                "args", List.of("alpha", "beta gamma")));

        assertThat(reply.text("output")).as(reply.raw()).isEqualTo("alpha beta gamma\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void runtimeErrorReportsItsExitCode(Sample sample) {
        var reply = api.run(sample.language(), sample.program("fail"));

        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("RUNTIME_ERROR");
        assertThat(reply.body().get("exit_code").asInt()).isEqualTo((Integer) sample.programs().get("exit-code"));
        assertThat(reply.text("output")).contains((String) sample.programs().get("fail-message"));
        assertThat(reply.body().get("success").asBoolean()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void compileErrorReturnsTheCompilerMessageAndDoesNotRun(Sample sample) {
        assumeTrue(sample.programs().containsKey("compile-error"), "interpreted language");

        var reply = api.run(sample.language(), sample.program("compile-error"));

        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("COMPILE_ERROR");
        assertThat(reply.body().get("success").asBoolean()).isFalse();
        assertThat(reply.text("output")).contains((String) sample.programs().get("compile-message"));
        var compile = reply.body().get("compile");
        assertThat(compile.get("status").asString()).isEqualTo("RUNTIME_ERROR");
        assertThat(compile.get("exit_code").asInt()).isNotZero();
        assertThat(compile.get("output").asString()).contains((String) sample.programs().get("compile-message"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    @SuppressWarnings("unchecked")
    void twoFileProgramUsesTheSecondFile(Sample sample) {
        var files = new ArrayList<Map<String, String>>();
        ((Map<String, String>) sample.programs().get("two-files"))
                .forEach((name, content) -> files.add(Map.of("name", name, "content", content)));

        var reply = api.execute(request("language", sample.language(), "files", files));

        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("OK");
        assertThat(reply.text("output")).isEqualTo("hi x\n");
    }
}
