package dev.coderunner.compat.piston;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.coderunner.auth.AnonymousAccess;

@Configuration(proxyBeanMethods = false)
class PistonConfiguration {

    /** Piston's clients send no credentials: PISTON_ANONYMOUS_KEY may charge them to a named key. */
    @Bean
    AnonymousAccess pistonAnonymousAccess(PistonProperties properties) {
        return new AnonymousAccess(PistonController.BASE + "/", properties.anonymousKey(), "PISTON_ANONYMOUS_KEY");
    }
}
