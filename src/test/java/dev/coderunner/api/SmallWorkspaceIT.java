package dev.coderunner.api;

import static dev.coderunner.support.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.coderunner.support.Api;
import dev.coderunner.support.SandboxIntegrationTest;

/**
 * Files larger than the workspace are the request's fault: refused with 413 before any sandbox is
 * taken. A program that fills the workspace itself gets its own error, as on a full disk.
 */
@TestPropertySource(properties = {
        "code-runner.api.max-request-size=4MB",
        "code-runner.execution.workspace-size=1MB",
})
class SmallWorkspaceIT extends SandboxIntegrationTest {

    @Test
    void filesThatDoNotFitTheWorkspaceAreRefusedWithAProblemBeforeAnySandbox() {
        String blob = Base64.getEncoder().encodeToString(new byte[800 * 1024]);
        long taken = sandboxesTaken();

        var reply = api.execute(request("language", "python", "code", "print('ran')", "files", List.of(
                Map.of("name", "a.bin", "content", blob, "encoding", "base64"),
                Map.of("name", "b.bin", "content", blob, "encoding", "base64"))));

        assertThat(reply.status()).as(reply.raw()).isEqualTo(413);
        assertThat(reply.text("type")).isEqualTo("urn:code-runner:problem:files-too-large");
        assertThat(reply.text("detail")).contains("WORKSPACE_SIZE");
        assertThat(reply.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(sandboxesTaken()).as("no sandbox was taken").isEqualTo(taken);
        assertThat(api.run("python", "print('next')").text("output")).isEqualTo("next\n");
    }

    /** Warm and cold sandboxes handed to Python runs so far. */
    private long sandboxesTaken() {
        for (var pool : api.get("/health", Api.KEY).body().path("pools")) {
            if (pool.path("name").asString().equals("python")) {
                return pool.path("hits").asLong() + pool.path("misses").asLong();
            }
        }
        throw new AssertionError("no python pool");
    }

    @Test
    void aProgramThatFillsTheWorkspaceGetsItsOwnDiskFullError() {
        var reply = api.run("python", """
                import errno
                try:
                    with open('fill', 'wb') as f:
                        f.write(b'0' * (2 * 1024 * 1024))
                except OSError as e:
                    print(errno.errorcode[e.errno])
                """);

        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("OK");
        assertThat(reply.text("stdout")).isEqualTo("ENOSPC\n");
    }
}
