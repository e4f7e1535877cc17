package dev.coderunner.compat.piston;

import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.WebSocketSession;

import dev.coderunner.auth.ApiKey;
import dev.coderunner.auth.KeyQuotas;
import dev.coderunner.execution.ExecutionService;

/**
 * What every {@code /api/v2/connect} connection needs, and the making of one. The idle timeout and
 * the stdin cap are those of our own interactive runs ({@code code-runner.live}), read here by key
 * so this adapter does not depend on the {@code live} package.
 */
@Component
class PistonConnections {

    /**
     * Piston closes a connection without an init after 1 s. Twice that here: the message may wait
     * behind a busy container thread or a collector pause on a loaded host, and a correct client
     * cut off for it would fail for our load, while a socket left open a second longer costs nothing.
     */
    static final Duration INIT_TIMEOUT = Duration.ofSeconds(2);

    private final ExecutionService executions;
    private final PistonRequests requests;
    private final KeyQuotas quotas;
    private final JsonMapper json;
    private final PistonConnectMessages messages;
    private final Duration idleTimeout;
    private final DataSize stdinLimit;

    PistonConnections(ExecutionService executions, PistonRequests requests, KeyQuotas quotas, JsonMapper json,
                      @Value("${code-runner.live.idle-timeout}") Duration idleTimeout,
                      @Value("${code-runner.live.stdin-limit}") DataSize stdinLimit) {
        this.executions = executions;
        this.requests = requests;
        this.quotas = quotas;
        this.json = json;
        this.messages = new PistonConnectMessages(json);
        this.idleTimeout = idleTimeout;
        this.stdinLimit = stdinLimit;
    }

    PistonConnection open(WebSocketSession session, ApiKey key) {
        var connection = new PistonConnection(session, this, key);
        connection.watch();
        return connection;
    }

    ExecutionService executions() {
        return executions;
    }

    PistonRequests requests() {
        return requests;
    }

    KeyQuotas quotas() {
        return quotas;
    }

    JsonMapper json() {
        return json;
    }

    PistonConnectMessages messages() {
        return messages;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    DataSize stdinLimit() {
        return stdinLimit;
    }
}
