package dev.coderunner.api;

import static dev.coderunner.support.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.coderunner.support.Api;
import dev.coderunner.support.SandboxIntegrationTest;

/** Files larger than the workspace cannot be staged: an INTERNAL_ERROR result, not a crash. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        SandboxIntegrationTest.KEY, SandboxIntegrationTest.BACKEND, SandboxIntegrationTest.DOCKER_INSTANCE,
        SandboxIntegrationTest.BWRAP_CGROUP, SandboxIntegrationTest.BWRAP_WORK_DIR, SandboxIntegrationTest.POOLS,
        "code-runner.api.max-request-size=4MB",
        "code-runner.execution.workspace-size=1MB",
})
class SmallWorkspaceIT extends SandboxIntegrationTest {

    @LocalServerPort
    private int port;

    @Test
    void filesThatDoNotFitTheWorkspaceEndAsInternalError() {
        var api = new Api(port);
        String blob = Base64.getEncoder().encodeToString(new byte[800 * 1024]);

        var reply = api.execute(request("language", "python", "code", "print('ran')", "files", List.of(
                Map.of("name", "a.bin", "content", blob, "encoding", "base64"),
                Map.of("name", "b.bin", "content", blob, "encoding", "base64"))));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("INTERNAL_ERROR");
        assertThat(reply.text("stderr")).contains("could not stage the files");
        assertThat(reply.text("stdout")).doesNotContain("ran");
        assertThat(api.run("python", "print('next')").text("output")).isEqualTo("next\n");
    }
}
