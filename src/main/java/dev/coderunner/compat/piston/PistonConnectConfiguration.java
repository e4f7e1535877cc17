package dev.coderunner.compat.piston;

import java.util.Map;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;

import dev.coderunner.auth.ApiKey;

/**
 * Piston's WebSocket, {@code /api/v2/connect}. The upgrade is a GET under {@code /api/v2/}, so the
 * API-key filter admits it as it admits the REST calls (a key, or PISTON_ANONYMOUS_KEY) and charges
 * it one request. Any origin may connect: nothing is granted by a browser's cookies, only by a key
 * or by the anonymous key, which lets anyone in anyway.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class PistonConnectConfiguration implements WebSocketConfigurer {

    static final String PATH = PistonController.BASE + "/connect";

    private final PistonConnectHandler handler;

    PistonConnectConfiguration(PistonConnectHandler handler) {
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, PATH).addInterceptors(new AdmittedKey()).setAllowedOriginPatterns("*");
    }

    /** Carries the key the filter admitted into the connection; without one (never past the filter), 401. */
    private static final class AdmittedKey implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                       Map<String, Object> attributes) {
            if (request instanceof ServletServerHttpRequest servlet
                    && servlet.getServletRequest().getAttribute(ApiKey.ATTRIBUTE) instanceof ApiKey key) {
                attributes.put(ApiKey.ATTRIBUTE, key);
                return true;
            }
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Exception exception) {
        }
    }
}
