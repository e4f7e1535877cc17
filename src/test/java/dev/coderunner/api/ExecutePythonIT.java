package dev.coderunner.api;

import static dev.coderunner.support.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.coderunner.support.SandboxIntegrationTest;

/** The original contract and the program behaviours it must report, against the real Python image. */
class ExecutePythonIT extends SandboxIntegrationTest {

    @Test
    void helloWorldAnswersWithTheOriginalResponseShape() {
        var reply = api.execute(request("code", "print('Hello World')", "language", "python", "timeout", 30));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().get("content-type")).startsWith("application/json");
        var body = reply.body();
        assertThat(body.get("success").isBoolean()).isTrue();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("output").asString()).isEqualTo("Hello World\n");
        assertThat(body.get("exit_code").isInt()).isTrue();
        assertThat(body.get("exit_code").asInt()).isZero();
        assertThat(body.get("execution_time").isNumber()).isTrue();
        assertThat(body.get("execution_time").asDouble()).isPositive().isLessThan(10);
        assertThat(body.get("status").asString()).isEqualTo("OK");
        assertThat(body.get("truncated").asBoolean()).isFalse();
        assertThat(body.get("stdout").asString()).isEqualTo("Hello World\n");
        assertThat(body.get("stderr").asString()).isEmpty();
        assertThat(body.get("language").asString()).isEqualTo("python");
    }

    @Test
    void languageIsMatchedCaseInsensitivelyAndByAlias() {
        assertThat(api.execute(request("code", "print(1)", "language", "PYTHON")).text("status")).isEqualTo("OK");
        assertThat(api.execute(request("code", "print(1)", "language", "py")).text("language")).isEqualTo("python");
    }

    @Test
    void exitCodeIsReportedAsAnInteger() {
        var reply = api.run("python", "import sys\nsys.exit(3)");

        assertThat(reply.body().get("exit_code").asInt()).isEqualTo(3);
        assertThat(reply.body().get("success").asBoolean()).isFalse();
        assertThat(reply.text("status")).isEqualTo("RUNTIME_ERROR");
    }

    @Test
    void runtimeExceptionReturnsTheTracebackInOutput() {
        var reply = api.run("python", "print('before')\nraise ValueError('boom')");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("exit_code").asInt()).isEqualTo(1);
        assertThat(reply.text("status")).isEqualTo("RUNTIME_ERROR");
        // Each stream keeps its exact order; across streams Docker may swap writes made microseconds apart.
        assertThat(reply.text("output")).contains("before", "Traceback", "main.py", "ValueError: boom");
        assertThat(reply.text("stdout")).isEqualTo("before\n");
        assertThat(reply.text("stderr")).contains("Traceback", "ValueError: boom").doesNotContain("before");
    }

    @Test
    void syntaxErrorIsARuntimeErrorWithThePythonMessage() {
        var reply = api.run("python", "print('unclosed'");

        assertThat(reply.text("status")).isEqualTo("RUNTIME_ERROR");
        assertThat(reply.text("output")).contains("SyntaxError");
    }

    @Test
    void stdoutAndStderrAreSeparatedAndCombined() {
        var reply = api.run("python", "import sys\nprint('to out')\nprint('to err', file=sys.stderr)");

        assertThat(reply.text("stdout")).isEqualTo("to out\n");
        assertThat(reply.text("stderr")).isEqualTo("to err\n");
        assertThat(reply.text("output")).contains("to out", "to err").hasSize("to out\nto err\n".length());
    }

    @Test
    void unicodeOutputSurvivesIntact() {
        var reply = api.run("python", "print('héllo wörld — 你好 🐍')");

        assertThat(reply.text("output")).isEqualTo("héllo wörld — 你好 🐍\n");
    }

    @Test
    void invalidUtf8OutputStillGivesValidJson() {
        var reply = api.run("python", "import sys\nsys.stdout.buffer.write(b'ok \\xff\\xfe\\xc3 end\\n')");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("output")).startsWith("ok ").endsWith(" end\n").contains("\uFFFD");
    }

    @Test
    void stdinIsDeliveredAndThenEndOfFile() {
        var reply = api.execute(request("language", "python", "stdin", "first\nsecond\n",
                "code", "import sys\nlines = sys.stdin.read().splitlines()\nprint(len(lines), lines[-1])"));

        assertThat(reply.text("output")).isEqualTo("2 second\n");
    }

    @Test
    void withoutStdinTheProgramSeesEndOfFileRatherThanHanging() {
        var reply = api.execute(request("language", "python", "timeout", 5,
                "code", "import sys\nprint(repr(sys.stdin.read()))"));

        assertThat(reply.text("status")).isEqualTo("OK");
        assertThat(reply.text("output")).isEqualTo("''\n");
    }

    @Test
    void argumentsArePassedToTheProgram() {
        var reply = api.execute(request("language", "python", "args", List.of("one", "two words"),
                "code", "import sys\nprint(sys.argv[1:])"));

        assertThat(reply.text("output")).isEqualTo("['one', 'two words']\n");
    }

    @Test
    void anUnhandledSignalIsReportedAs128PlusTheSignal() {
        var reply = api.run("python", "import os, signal\nos.kill(os.getpid(), signal.SIGTERM)");

        assertThat(reply.body().get("exit_code").asInt()).isEqualTo(143);
        assertThat(reply.text("signal")).isEqualTo("SIGTERM");
        assertThat(reply.text("status")).isEqualTo("RUNTIME_ERROR");
    }

    @Test
    void numpyAndPandasAreAvailable() {
        var reply = api.run("python", """
                import numpy as np
                import pandas as pd
                frame = pd.DataFrame({'x': np.arange(4)})
                print(int(frame['x'].sum()))
                """);

        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("OK");
        assertThat(reply.text("output")).isEqualTo("6\n");
    }
}
