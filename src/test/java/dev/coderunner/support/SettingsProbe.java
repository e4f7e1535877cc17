package dev.coderunner.support;

import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Configuration;

/**
 * Prints the settings a test's service would see, as {@code key=value} lines: started in a child
 * JVM by {@code HermeticSettingsTests} with a hostile working directory and environment. Loads the
 * service's configuration files and nothing else of the service.
 */
public final class SettingsProbe {

    static final List<String> KEYS = List.of("code-runner.api.api-keys", "code-runner.sandbox.backend",
            "code-runner.execution.memory", "code-runner.execution.pids", "code-runner.pool.size",
            "code-runner.languages.cobol.name", "code-runner.languages.python.image");

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    public static void main(String[] args) {
        try (var context = new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE)
                .logStartupInfo(false).run(args)) {
            for (String key : KEYS) {
                System.out.println(key + "=" + context.getEnvironment().getProperty(key, "<unset>"));
            }
        }
    }
}
