package dev.coderunner.live;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import dev.coderunner.auth.ApiKey;

/**
 * Carries the key the API-key filter admitted on the upgrade request into the session. A key sent
 * on the upgrade that the filter did not admit refuses the upgrade (401); none at all is fine, the
 * first message must then bring one, as browsers cannot set headers on a WebSocket.
 */
final class KeyHandshake implements HandshakeInterceptor {

    static final String KEY = ApiKey.ATTRIBUTE;
    private static final List<String> KEY_HEADERS = List.of("X-API-Key", "X-Auth-Token", HttpHeaders.AUTHORIZATION);

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        Object admitted = request instanceof ServletServerHttpRequest servlet
                ? servlet.getServletRequest().getAttribute(ApiKey.ATTRIBUTE) : null;
        if (admitted instanceof ApiKey key) {
            attributes.put(KEY, key);
            return true;
        }
        if (KEY_HEADERS.stream().anyMatch(request.getHeaders()::containsHeader)) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
