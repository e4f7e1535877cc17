package dev.coderunner.playground;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled serve the page and its files (PLAYGROUND_ENABLED); a value that is not a boolean stops the start-up
 */
@ConfigurationProperties("code-runner.playground")
public record PlaygroundProperties(@DefaultValue("true") boolean enabled) {
}
