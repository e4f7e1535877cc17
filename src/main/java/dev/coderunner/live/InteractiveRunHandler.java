package dev.coderunner.live;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/** {@code /ws/execute}: one interactive run per connection, each a {@link InteractiveSession}. */
@Component
class InteractiveRunHandler extends TextWebSocketHandler {

    private final InteractiveSessions sessions;
    private final Map<String, InteractiveSession> open = new ConcurrentHashMap<>();

    InteractiveRunHandler(InteractiveSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        open.put(session.getId(), sessions.open(session));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        var interactive = open.get(session.getId());
        if (interactive != null) {
            interactive.receive(message.getPayload());
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        var interactive = open.get(session.getId());
        if (interactive != null) {
            interactive.refuseBinary();
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
        var interactive = open.remove(session.getId());
        if (interactive != null) {
            interactive.clientGone();
        }
    }
}
