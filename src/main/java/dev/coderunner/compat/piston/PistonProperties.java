package dev.coderunner.compat.piston;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Piston API's settings: the names Piston's clients know our languages by
 * ({@code compat/piston.yml}), and the key unauthenticated Piston calls are charged to.
 *
 * @param anonymousKey a named key (API_KEYS_FILE) whose quota unauthenticated calls use; blank: they get 401
 * @param runtimes     by our language id: the name Piston lists it under and the aliases its clients send
 */
@ConfigurationProperties("code-runner.compat.piston")
public record PistonProperties(@DefaultValue("") String anonymousKey, @DefaultValue Map<String, Runtime> runtimes) {

    /** How Piston names one of our languages. */
    public record Runtime(String language, @DefaultValue List<String> aliases) {
    }
}
