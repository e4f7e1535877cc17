package dev.coderunner.playground;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.coderunner.auth.PublicPath;

/**
 * The playground: a page at {@code /playground} where a person picks a language, writes a program
 * and watches it run. It is a client of the API like any other (the page calls {@code GET /languages}
 * and the WebSocket {@code /ws/execute} with the key the person types in), so nothing here runs
 * code and the core knows nothing of it. Off ({@code PLAYGROUND_ENABLED=false}), nothing is served.
 */
@Configuration(proxyBeanMethods = false)
class PlaygroundConfiguration implements WebMvcConfigurer {

    static final String PATH = "/playground";

    private final PlaygroundProperties properties;

    PlaygroundConfiguration(PlaygroundProperties properties) {
        this.properties = properties;
    }

    /**
     * Public whether the playground is on or off: off, its paths are a 404 to anyone, not a 401
     * suggesting that a key would open them. Nothing but the page and its files is served there.
     */
    @Bean
    PublicPath playgroundPath() {
        return new PublicPath(PATH);
    }

    /**
     * The page names its files and the API relative to {@code /playground} (so that it works behind
     * a proxy that adds a path prefix); from {@code /playground/} every one of them would miss.
     */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        if (properties.enabled()) {
            registry.addViewController(PATH).setViewName("forward:" + PATH + "/index.html");
            registry.addRedirectViewController(PATH + "/", "../playground").setStatusCode(HttpStatus.MOVED_PERMANENTLY);
        }
    }

    /** Outside Spring's static locations, so that nothing serves these files when the playground is off. */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        if (properties.enabled()) {
            registry.addResourceHandler(PATH + "/**").addResourceLocations("classpath:/playground/")
                    .setCacheControl(CacheControl.noCache());
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (properties.enabled()) {
            registry.addInterceptor(new PageSecurityHeaders()).addPathPatterns(PATH, PATH + "/**");
        }
    }
}
