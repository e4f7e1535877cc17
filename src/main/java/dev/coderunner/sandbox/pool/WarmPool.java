package dev.coderunner.sandbox.pool;

import java.time.Instant;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import dev.coderunner.sandbox.PoolState;
import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxSpec;

/** The warm sandboxes of one spec, and what happened to them. Refilling is the housekeeper's. */
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

    /**
     * A warm sandbox that is fresh and still alive, oldest first; those that are not are handed
     * to {@code discard}. Counted as a hit, or a miss when none is left.
     */
    Optional<Sandbox> take(Instant freshSince, Consumer<Sandbox> discard) {
        for (Idle next; (next = idle.pollFirst()) != null; ) {
            if (next.since().isAfter(freshSince) && next.sandbox().usable()) {
                hits.increment();
                return Optional.of(next.sandbox());
            }
            discard.accept(next.sandbox());
        }
        misses.increment();
        return Optional.empty();
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
