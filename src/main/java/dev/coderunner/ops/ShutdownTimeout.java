package dev.coderunner.ops;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.stereotype.Component;

import dev.coderunner.execution.ExecutionProperties;

/**
 * How long shutdown may take: {@code SHUTDOWN_TIMEOUT}, or by default enough for the longest run
 * that can be in flight (its wait in the queue, its compile step and its run) with a margin.
 */
@Component
class ShutdownTimeout {

    private static final Duration MARGIN = Duration.ofSeconds(10);

    private final Duration value;

    ShutdownTimeout(ExecutionProperties execution, @Value("${code-runner.shutdown-timeout:}") String configured) {
        this.value = configured.isBlank()
                ? execution.concurrency().queueTimeout().plus(execution.compileTimeout()).plus(execution.maxTimeout()).plus(MARGIN)
                : org.springframework.boot.convert.DurationStyle.detectAndParse(configured);
    }

    Duration value() {
        return value;
    }

    /** Each shutdown phase (the drain, the web server's) may take that long. */
    @Configuration(proxyBeanMethods = false)
    static class Phases {
        @Bean
        DefaultLifecycleProcessor lifecycleProcessor(ShutdownTimeout timeout) {
            var processor = new DefaultLifecycleProcessor();
            processor.setTimeoutPerShutdownPhase(timeout.value().plusSeconds(5).toMillis());
            return processor;
        }
    }
}
