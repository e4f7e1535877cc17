package dev.coderunner.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.coderunner.support.Api;
import dev.coderunner.support.EngineIndependent;
import dev.coderunner.support.SandboxIntegrationTest;

/**
 * The MCP server at /mcp through the official TypeScript SDK's client over Streamable HTTP, as an
 * agent's host would use it: the key, the tools and their schemas, each kind of outcome (a program
 * that runs, fails to compile, errs, loops; a request the service refuses) and a key's quota.
 */
@EngineIndependent
@TestPropertySource(properties = "API_KEYS_FILE=src/test/resources/keys/mcp-keys.yml")
class McpIT extends SandboxIntegrationTest {

    private static final Path CLIENTS = Path.of("src/test/node");

    @Test
    void theOfficialTypeScriptClientConnectsListsAndCallsTheTools() throws IOException, InterruptedException {
        assertThat(CLIENTS.resolve("node_modules/@modelcontextprotocol/sdk"))
                .as("npm ci in src/test/node (scripts/test.sh does it)").isDirectory();
        var builder = new ProcessBuilder("node", "mcp-client.mjs").directory(CLIENTS.toFile()).redirectErrorStream(true);
        builder.environment().put("MCP_URL", "http://127.0.0.1:" + port() + "/mcp");
        builder.environment().put("MCP_KEY", Api.KEY);
        builder.environment().put("MCP_SOLO_KEY", "mcp-solo-key-0001");
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
        assertThat(report).contains("ok run_code runs Python hello world", "ok run_tests gives a verdict per case",
                "ok a connection with a wrong key is refused with 401", "17 of 17 checks passed");
    }

    /** Streamable HTTP's optional GET stream is not offered: every answer comes with its POST. */
    @Test
    void theEndpointNeedsAKeyAndOffersNoServerStream() {
        var anonymous = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/mcp"))
                .header("Accept", "text/event-stream").GET().build());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().get("www-authenticate")).startsWith("Bearer");

        var keyed = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/mcp"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + Api.KEY).GET().build());
        assertThat(keyed.status()).isEqualTo(405);
        assertThat(keyed.headers()).doesNotContainKey("mcp-session-id");
    }
}
