package dev.coderunner.support;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Keeps every test's service blind to the machine it runs on: no environment variable, no
 * {@code .env} and no {@code languages.local.yml} from the working directory reach it. Without
 * this, a developer's {@code .env} (which {@code scripts/start.sh} writes) would outrank the
 * tests' own defaults and the suite's result would depend on the machine.
 *
 * <p>Registered in the test class path's {@code META-INF/spring.factories} only, so it can never
 * be active in the service itself. It runs before the config data files are read; a test that
 * checks configuration sets what it needs as inlined test properties or command-line arguments,
 * which still win.
 */
public class HermeticTestEnvironment implements EnvironmentPostProcessor, Ordered {

    /** A path that cannot exist (a directory under a character device). */
    public static final String NO_FILE = "/dev/null/absent-under-tests";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        var sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        var files = new MapPropertySource("hermeticTestFiles", Map.of(
                "code-runner.env-file", NO_FILE,
                "LANGUAGES_FILE", NO_FILE,
                "API_KEYS_FILE", NO_FILE));
        if (sources.contains(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addBefore(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, files);
        } else {
            sources.addLast(files);
        }
    }
}
