package dev.coderunner.sandbox.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxEngine;

/**
 * Keeps the pools topped up and fresh, in the background: a few long-lived threads start warm
 * sandboxes (an engine may tie waiting processes to the thread that started them), a maintenance
 * thread replaces sandboxes idle too long or dead and retries pools whose starts failed, and used
 * sandboxes are destroyed off the request path.
 */
final class PoolHousekeeper {

    private static final Logger log = LoggerFactory.getLogger(PoolHousekeeper.class);
    /** After a failed start, a pool waits this long before trying again. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(5);
    private static final Duration MAINTENANCE_PERIOD = Duration.ofSeconds(2);
    /** How long after a run its pool starts refilling: time for the run's answer to be written. */
    private static final Duration REFILL_PAUSE = Duration.ofMillis(20);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private final SandboxEngine engine;
    private final Clock clock;
    private final Duration maxIdle;
    private final Supplier<Collection<WarmPool>> pools;
    private final ExecutorService refills;
    private final ScheduledExecutorService maintenance;
    private final ExecutorService cleanups = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    PoolHousekeeper(SandboxEngine engine, Clock clock, PoolProperties properties, Supplier<Collection<WarmPool>> pools) {
        this.engine = engine;
        this.clock = clock;
        this.maxIdle = properties.maxIdle();
        this.pools = pools;
        this.refills = Executors.newFixedThreadPool(properties.refillThreads(),
                Thread.ofPlatform().daemon().name("warm-pool-", 0).factory());
        this.maintenance = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("warm-pool-maintenance").factory());
        maintenance.scheduleWithFixedDelay(this::maintain, MAINTENANCE_PERIOD.toMillis(),
                MAINTENANCE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Idle sandboxes started before this are stale. */
    Instant freshSince() {
        return clock.instant().minus(maxIdle);
    }

    /** Destroys a sandbox in the background, so it never delays an answer. */
    void destroy(Sandbox sandbox) {
        try {
            cleanups.execute(sandbox::close);
        } catch (RejectedExecutionException shuttingDown) {
            sandbox.close();
        }
    }

    /**
     * Tops the pools up a moment after a run: refilling after a run rather than when it starts
     * keeps a refill from competing with the run for CPU, and waiting {@link #REFILL_PAUSE} keeps
     * it from competing with the writing of the run's answer (measured: 1.5-2 ms of a 17 ms warm
     * run on 2 cores).
     */
    void afterRun() {
        try {
            maintenance.schedule(() -> pools.get().forEach(this::topUp), REFILL_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // Nothing to refill any more.
        }
    }

    void topUp(WarmPool pool) {
        if (closed || clock.instant().isBefore(pool.retryAt)) {
            return;
        }
        while (pool.reserveStart()) {
            try {
                refills.execute(() -> start(pool));
            } catch (RejectedExecutionException shuttingDown) {
                pool.starting.decrementAndGet();
                return;
            }
        }
    }

    private void start(WarmPool pool) {
        try {
            if (closed) {
                return;
            }
            Sandbox sandbox = engine.openWarm(pool.spec);
            if (closed) {
                sandbox.close();
                return;
            }
            pool.idle.addLast(new WarmPool.Idle(sandbox, clock.instant()));
            pool.started.increment();
            pool.lastError = null;
        } catch (RuntimeException e) {
            pool.failed.increment();
            pool.retryAt = clock.instant().plus(RETRY_DELAY);
            if (!String.valueOf(e.getMessage()).equals(pool.lastError)) {
                log.warn("Could not start a warm sandbox for {}: {}", pool.name, e.getMessage());
            }
            pool.lastError = String.valueOf(e.getMessage());
        } finally {
            pool.starting.decrementAndGet();
        }
    }

    /** Replaces sandboxes idle for too long (or dead) and retries pools whose starts failed. */
    void maintain() {
        try {
            Instant freshSince = freshSince();
            for (WarmPool pool : pools.get()) {
                for (WarmPool.Idle idle : pool.idle) {
                    boolean stale = !idle.since().isAfter(freshSince) || !idle.sandbox().usable();
                    // remove() succeeds for one thread only: a run may have just taken this one.
                    if (stale && pool.idle.remove(idle)) {
                        destroy(idle.sandbox());
                    }
                }
                topUp(pool);
            }
        } catch (RuntimeException e) {
            log.warn("Warm pool maintenance failed: {}", e.getMessage());
        }
    }

    /** Stops refilling, waits for starts and cleanups in flight, and destroys every idle sandbox. */
    void shutdown() throws InterruptedException {
        closed = true;
        maintenance.shutdownNow();
        refills.shutdown();
        refills.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        for (WarmPool pool : pools.get()) {
            for (WarmPool.Idle idle; (idle = pool.idle.pollFirst()) != null; ) {
                destroy(idle.sandbox());
            }
        }
        cleanups.shutdown();
        cleanups.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
