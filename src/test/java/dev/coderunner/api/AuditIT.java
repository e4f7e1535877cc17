package dev.coderunner.api;

import static dev.coderunner.support.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.coderunner.support.EngineIndependent;
import dev.coderunner.support.SandboxIntegrationTest;

/** One audit line per run, on its own logger: who, what and how it ended; never the code, stdin or output. */
@EngineIndependent
@ExtendWith(OutputCaptureExtension.class)
class AuditIT extends SandboxIntegrationTest {

    @Test
    void eachRunLeavesOneAuditLineWithoutItsCodeStdinOrOutput(CapturedOutput log) {
        var reply = api.execute(request("language", "python", "stdin", "stdin-secret-42",
                "code", "import sys\nsecret = 'code-secret-17'\nprint('output-secret-99', sys.stdin.read())"));
        String id = reply.text("execution_id");

        assertThat(reply.headers().get("x-execution-id")).isEqualTo(id);
        var lines = log.getAll().lines().filter(line -> line.contains("dev.coderunner.audit") && line.contains(id)).toList();
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line).contains("execution_id=" + id, "key=default", "client=127.0.0.1", "language=python",
                    "status=OK", "exit_code=0", "code_bytes=80", "stdin_bytes=15", "files=0", "warm=");
            assertThat(line).doesNotContain("code-secret-17", "stdin-secret-42", "output-secret-99");
        });
    }

    @Test
    void aRefusedRunIsAuditedToo(CapturedOutput log) {
        var reply = api.run("cobol", "DISPLAY 'x'");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.text("execution_id")).as("the problem names the run").isNotBlank();
        assertThat(log.getAll()).contains("run execution_id=" + reply.text("execution_id"));
        assertThat(log.getAll()).containsPattern("dev\\.coderunner\\.audit.*run execution_id=\\S+ key=default .*"
                + "language=cobol status=REFUSED reason=UnknownLanguageException");
    }
}
