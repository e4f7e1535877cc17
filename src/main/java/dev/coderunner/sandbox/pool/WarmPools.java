package dev.coderunner.sandbox.pool;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

import dev.coderunner.sandbox.CommandOutcome;
import dev.coderunner.sandbox.PoolState;
import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxCommand;
import dev.coderunner.sandbox.SandboxEngine;
import dev.coderunner.sandbox.SandboxFactory;
import dev.coderunner.sandbox.SandboxSpec;

/**
 * The engine, with warm pools in front of it: the {@link SandboxFactory} the execution logic
 * gets. A run whose spec has a pool takes a warm sandbox if one is idle, and otherwise a cold one
 * at once: it never waits for a refill. Every sandbox serves exactly one run; closing it destroys
 * it in the background and tops the pools up.
 */
@Primary
@Component
public class WarmPools implements SandboxFactory, DisposableBean {

    private final SandboxEngine engine;
    private final PoolProperties properties;
    private final MeterRegistry meters;
    private final Map<SandboxSpec, WarmPool> pools = new ConcurrentHashMap<>();
    private final PoolHousekeeper housekeeper;

    public WarmPools(SandboxEngine engine, PoolProperties properties, MeterRegistry meters, Clock clock) {
        this.engine = engine;
        this.properties = properties;
        this.meters = meters;
        this.housekeeper = new PoolHousekeeper(engine, clock, properties, pools::values);
    }

    @Override
    public String engine() {
        return engine.engine();
    }

    @Override
    public Readiness readiness(String image) {
        return engine.readiness(image);
    }

    /** Pools for the kinds the settings cover; a name they give that is not among them is a mistake. */
    @Override
    public void keepWarm(Map<String, SandboxSpec> usual) {
        var unknown = new TreeSet<>(properties.languages());
        unknown.removeAll(usual.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("code-runner.pool.languages (POOL_LANGUAGES) names " + unknown
                    + ", which the language registry does not have; it has " + new TreeSet<>(usual.keySet()));
        }
        usual.forEach((name, spec) -> {
            if (properties.covers(name)) {
                var pool = pools.computeIfAbsent(spec,
                        key -> PoolMetrics.register(new WarmPool(name, key, properties.size()), meters));
                housekeeper.topUp(pool);
            }
        });
    }

    /** A sandbox for one run: warm when its pool has one idle, otherwise a cold one opened now. */
    @Override
    public Sandbox open(SandboxSpec spec) {
        WarmPool pool = pools.get(spec);
        Sandbox sandbox = pool == null ? null
                : pool.take(housekeeper.freshSince(), housekeeper::destroy).orElse(null);
        return new HandedOut(sandbox != null ? sandbox : engine.open(spec));
    }

    @Override
    public List<PoolState> pools() {
        return pools.values().stream().map(WarmPool::state).sorted(Comparator.comparing(PoolState::name)).toList();
    }

    @Override
    public void destroy() throws InterruptedException {
        housekeeper.shutdown();
    }

    /** A sandbox out for one run; closing it sends it to be destroyed and the pools to be refilled. */
    private final class HandedOut implements Sandbox {

        private final Sandbox sandbox;
        private boolean closed;

        HandedOut(Sandbox sandbox) {
            this.sandbox = sandbox;
        }

        @Override
        public CommandOutcome run(SandboxCommand command) {
            return sandbox.run(command);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                housekeeper.destroy(sandbox);
                housekeeper.afterRun();
            }
        }
    }
}
