package dev.coderunner.sandbox.pool;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Warm pools: sandboxes started ahead of requests, each used for one run and then destroyed.
 *
 * @param size              warm sandboxes kept per language; 0 turns pools off
 * @param languages         languages that get a pool (ids); empty means every language
 * @param refillConcurrency sandboxes started in the background at once; unset, half the cores
 * @param maxIdle           a warm sandbox unused for this long is replaced by a fresh one
 */
@Validated
@ConfigurationProperties("code-runner.pool")
public record PoolProperties(@Min(0) int size, @DefaultValue List<String> languages, @Min(1) Integer refillConcurrency,
                             @NotNull Duration maxIdle) {

    public boolean covers(String language) {
        return size > 0 && (languages.isEmpty() || languages.contains(language));
    }

    /**
     * Starting a sandbox is CPU work (processes, namespaces, cgroups, an interpreter's start), so
     * refills take at most half the cores and the other half stays with the runs that were admitted.
     */
    int refillThreads() {
        return refillConcurrency != null ? refillConcurrency : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
