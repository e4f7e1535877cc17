package dev.coderunner.playground;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.coderunner.support.Api;
import dev.coderunner.support.EngineIndependent;
import dev.coderunner.support.SandboxIntegrationTest;

/** PLAYGROUND_ENABLED=false: the page and its files are not there, for anyone, with a key or without. */
@EngineIndependent
@TestPropertySource(properties = {"code-runner.playground.enabled=false", "code-runner.pool.size=0"})
class PlaygroundDisabledIT extends SandboxIntegrationTest {

    @Test
    void thePageAndItsFilesAreNotFound() {
        for (String path : new String[] {"/playground", "/playground/", "/playground/playground.js",
                "/playground/index.html", "/playground/codemirror/lib/codemirror.js"}) {
            var anonymous = api.get(path, null);
            assertThat(anonymous.status()).as(path).isEqualTo(404);
            assertThat(anonymous.headers()).as(path).doesNotContainKey("content-security-policy");
            assertThat(api.get(path, Api.KEY).status()).as(path + " with a key").isEqualTo(404);
        }
        assertThat(api.get("/languages", Api.KEY).status()).as("the API itself is unchanged").isEqualTo(200);
    }
}
