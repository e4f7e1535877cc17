package dev.coderunner.sandbox.pool;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** One pool's figures as meters, tagged with the language it serves. */
final class PoolMetrics {

    private PoolMetrics() {
    }

    static WarmPool register(WarmPool pool, MeterRegistry meters) {
        var tags = Tags.of("language", pool.name);
        Gauge.builder("coderunner.pool.size", pool, p -> p.target).tags(tags)
                .description("Warm sandboxes the pool aims to keep").register(meters);
        Gauge.builder("coderunner.pool.idle", pool, p -> p.idle.size()).tags(tags)
                .description("Warm sandboxes ready now").register(meters);
        Gauge.builder("coderunner.pool.starting", pool, p -> p.starting.get()).tags(tags)
                .description("Warm sandboxes being started").register(meters);
        FunctionCounter.builder("coderunner.pool.hits", pool, p -> p.hits.sum()).tags(tags)
                .description("Runs that got a warm sandbox").register(meters);
        FunctionCounter.builder("coderunner.pool.misses", pool, p -> p.misses.sum()).tags(tags)
                .description("Runs that found the pool empty and started cold").register(meters);
        FunctionCounter.builder("coderunner.pool.failures", pool, p -> p.failed.sum()).tags(tags)
                .description("Warm sandboxes that failed to start").register(meters);
        return pool;
    }
}
