package dev.coderunner.playground;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.coderunner.auth.PublicPath;

/**
 * The playground: a page at {@code /playground} where a person picks a language, writes a program
 * and watches it run. It is a client of the API like any other (the page calls {@code GET /languages}
 * and the WebSocket {@code /ws/execute} with the key the person types in), so nothing here runs
 * code and the core knows nothing of it. {@code PLAYGROUND_ENABLED=false} leaves it unserved.
 */
@Configuration(proxyBeanMethods = false)
class PlaygroundConfiguration {

    static final String PATH = "/playground";
    static final String ENABLED = "code-runner.playground.enabled";

    /**
     * Public whether the playground is on or off: off, its paths are a 404 to anyone, not a 401
     * suggesting that a key would open them. Nothing but the page and its files is served there.
     */
    @Bean
    PublicPath playgroundPath() {
        return new PublicPath(PATH);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = ENABLED, matchIfMissing = true)
    static class Served implements WebMvcConfigurer {

        /**
         * The page's scripts, styles and the vendored CodeMirror; outside Spring's static locations,
         * so that nothing serves them when the playground is off.
         */
        @Override
        public void addResourceHandlers(ResourceHandlerRegistry registry) {
            registry.addResourceHandler(PATH + "/**").addResourceLocations("classpath:/playground/assets/")
                    .setCacheControl(CacheControl.noCache());
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new PageSecurityHeaders()).addPathPatterns(PATH, PATH + "/**");
        }
    }
}
