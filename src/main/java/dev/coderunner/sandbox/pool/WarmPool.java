package dev.coderunner.sandbox.pool;

import java.time.Instant;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxSpec;

/** The warm sandboxes of one spec, and what happened to them; the refill logic is in {@link WarmPools}. */
final class WarmPool {

    record Idle(Sandbox sandbox, Instant since) {
    }

    final String name;
    final SandboxSpec spec;
    final int target;
    final Deque<Idle> idle = new ConcurrentLinkedDeque<>();
    final AtomicInteger starting = new AtomicInteger();
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder started = new LongAdder();
    final LongAdder failed = new LongAdder();
    volatile Instant retryAt = Instant.MIN;
    volatile String lastError;

    WarmPool(String name, SandboxSpec spec, int target) {
        this.name = name;
        this.spec = spec;
        this.target = target;
    }

    /** Reserves one start if the pool is short of its target; false when it is not. */
    boolean reserveStart() {
        while (true) {
            int now = starting.get();
            if (idle.size() + now >= target) {
                return false;
            }
            if (starting.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    PoolState state() {
        return new PoolState(name, target, idle.size(), starting.get(), hits.sum(), misses.sum(), started.sum(),
                failed.sum(), lastError);
    }
}
