package dev.coderunner.live;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import dev.coderunner.api.ApiProperties;


/**
 * Interactive runs at {@code /ws/execute}. Any origin may connect: nothing is granted by the
 * browser's cookies, only by an API key the page must itself present.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws/execute";

    private final InteractiveRunHandler handler;

    WebSocketConfiguration(InteractiveRunHandler handler) {
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, PATH).addInterceptors(new KeyHandshake()).setAllowedOriginPatterns("*");
    }

    /**
     * A request message may be as large as a POST /execute body; binary messages are refused anyway.
     * Tomcat's WebSocket container reads its buffer sizes from these context parameters.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> webSocketBuffers(ApiProperties api) {
        String largest = String.valueOf(Math.min(Integer.MAX_VALUE, api.maxRequestSize().toBytes()));
        return factory -> factory.addContextCustomizers(context -> {
            context.addParameter("org.apache.tomcat.websocket.textBufferSize", largest);
            context.addParameter("org.apache.tomcat.websocket.binaryBufferSize", "1024");
        });
    }
}
