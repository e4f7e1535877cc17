package dev.coderunner.auth;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration implements WebMvcConfigurer {

    private final ConcurrentRunsInterceptor concurrentRuns;

    AuthConfiguration(ConcurrentRunsInterceptor concurrentRuns) {
        this.concurrentRuns = concurrentRuns;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(concurrentRuns);
    }
}
