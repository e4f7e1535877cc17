package dev.coderunner.compat.piston;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.coderunner.auth.ApiKey;

/** {@code /api/v2/connect}: Piston's interactive runs, one {@link PistonConnection} per connection. */
@Component
class PistonConnectHandler extends TextWebSocketHandler {

    private final PistonConnections connections;
    private final Map<String, PistonConnection> open = new ConcurrentHashMap<>();

    PistonConnectHandler(PistonConnections connections) {
        this.connections = connections;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        // The handshake admitted only upgrades that carried a key (or were charged to PISTON_ANONYMOUS_KEY).
        var key = (ApiKey) session.getAttributes().get(ApiKey.ATTRIBUTE);
        open.put(session.getId(), connections.open(session, key));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        var connection = open.get(session.getId());
        if (connection != null) {
            connection.receive(message.getPayload());
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        closed(session);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        closed(session);
    }

    private void closed(WebSocketSession session) {
        var connection = open.remove(session.getId());
        if (connection != null) {
            connection.closed();
        }
    }
}
