package dev.coderunner.sandbox.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.coderunner.sandbox.CommandOutcome;
import dev.coderunner.sandbox.PoolState;
import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxCommand;
import dev.coderunner.sandbox.SandboxEngine;
import dev.coderunner.sandbox.SandboxSpec;
import dev.coderunner.sandbox.StartAheadSandbox;

/** The pool's bookkeeping, over an engine that only records what it was asked to do. */
class WarmPoolsTests {

    private static final SandboxSpec SPEC = new SandboxSpec("image", DataSize.ofMegabytes(1), List.of());
    private static final SandboxSpec OTHER = new SandboxSpec("other", DataSize.ofMegabytes(1), List.of());
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RecordingEngine engine = new RecordingEngine();
    private final MovableClock clock = new MovableClock();
    private WarmPools pools;

    private WarmPools pools(String... languages) {
        pools = new WarmPools(engine, new PoolProperties(1, List.of(languages), 1, Duration.ofMinutes(10)),
                new SimpleMeterRegistry(), clock);
        return pools;
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        engine.starts.release(1000);
        if (pools != null) {
            pools.destroy();
        }
    }

    @Test
    void aRunNeverWaitsForARefill() {
        var pools = pools();
        pools.keepWarm(Map.of("python", SPEC));

        // The warm start is stuck; the run gets a cold sandbox at once rather than waiting for it.
        try (var sandbox = pools.open(SPEC)) {
            assertThat(engine.cold).hasSize(1);
        }
        assertThat(state(pools).misses()).isEqualTo(1);
    }

    @Test
    void aWarmSandboxServesOneRunAndClosingItDestroysItAndRefills() {
        engine.starts.release(1);
        var pools = pools();
        pools.keepWarm(Map.of("python", SPEC));
        await().atMost(WAIT).until(() -> state(pools).idle() == 1);
        FakeSandbox warm = engine.warm.peek();

        var first = pools.open(SPEC);
        var second = pools.open(SPEC);

        assertThat(engine.cold).as("one warm sandbox, one run: the second is cold").hasSize(1);
        engine.starts.release(1);
        first.close();
        await().atMost(WAIT).until(() -> warm.closed.get() && state(pools).idle() == 1);
        assertThat(state(pools).hits()).isEqualTo(1);
        assertThat(state(pools).started()).isEqualTo(2);
        second.close();
    }

    @Test
    void otherSpecsRunCold() {
        engine.starts.release(1000);
        var pools = pools();
        pools.keepWarm(Map.of("python", SPEC));
        await().atMost(WAIT).until(() -> state(pools).idle() == 1);

        pools.open(OTHER).close();

        assertThat(engine.cold).hasSize(1);
        assertThat(state(pools).idle()).isEqualTo(1);
    }

    @Test
    void onlyTheConfiguredLanguagesArePooled() {
        engine.starts.release(1000);
        var pools = pools("ruby");
        pools.keepWarm(Map.of("python", SPEC, "ruby", OTHER));

        await().atMost(WAIT).until(() -> pools.pools().size() == 1 && state(pools).idle() == 1);
        assertThat(state(pools).name()).isEqualTo("ruby");
    }

    @Test
    void aPoolLanguageTheRegistryDoesNotHaveStopsStartUpNamingIt() {
        var pools = pools("python", "cobol");

        assertThatThrownBy(() -> pools.keepWarm(Map.of("python", SPEC)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[cobol]");
    }

    @Test
    void aDeadWarmSandboxIsDestroyedNotHandedOut() {
        engine.starts.release(1000);
        var pools = pools();
        pools.keepWarm(Map.of("python", SPEC));
        await().atMost(WAIT).until(() -> state(pools).idle() == 1);
        FakeSandbox dead = engine.warm.peek();
        dead.usable.set(false);

        pools.open(SPEC).close();

        assertThat(engine.cold).hasSize(1);
        await().atMost(WAIT).until(() -> dead.closed.get());
    }

    @Test
    void aSandboxIdleTooLongIsReplaced() {
        engine.starts.release(1000);
        var pools = pools();
        pools.keepWarm(Map.of("python", SPEC));
        await().atMost(WAIT).until(() -> engine.warm.size() == 1);
        FakeSandbox stale = engine.warm.peek();

        clock.advance(Duration.ofMinutes(11));

        await().atMost(WAIT).until(() -> stale.closed.get() && engine.warm.size() == 2);
    }

    @Test
    void aFailingStartIsCountedExplainedAndRetriedLater() {
        engine.failure = "no root filesystem";
        engine.starts.release(1000);
        var pools = pools();
        pools.keepWarm(Map.of("python", SPEC));

        await().atMost(WAIT).until(() -> state(pools).failed() == 1);
        assertThat(state(pools).lastError()).isEqualTo("no root filesystem");
        pools.open(SPEC).close();
        assertThat(engine.cold).hasSize(1);

        engine.failure = null;
        clock.advance(PoolHousekeeper.RETRY_DELAY.plusSeconds(1));
        await().atMost(WAIT).until(() -> state(pools).idle() == 1 && state(pools).lastError() == null);
    }

    @Test
    void shutdownDestroysIdleAndUsedSandboxes() throws InterruptedException {
        engine.starts.release(1000);
        var pools = pools();
        pools.keepWarm(Map.of("python", SPEC));
        await().atMost(WAIT).until(() -> state(pools).idle() == 1);
        FakeSandbox idle = engine.warm.peek();
        pools.open(OTHER).close();
        FakeSandbox used = engine.cold.peek();

        pools.destroy();

        assertThat(idle.closed).isTrue();
        assertThat(used.closed).isTrue();
    }

    private static PoolState state(WarmPools pools) {
        return pools.pools().getFirst();
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-01T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static final class RecordingEngine implements SandboxEngine {
        /** Each warm start takes a permit: tests decide how many may happen. */
        final Semaphore starts = new Semaphore(0);
        final Queue<FakeSandbox> warm = new ConcurrentLinkedQueue<>();
        final Queue<FakeSandbox> cold = new ConcurrentLinkedQueue<>();
        volatile String failure;

        @Override
        public String engine() {
            return "fake";
        }

        @Override
        public StartAheadSandbox<?> create(SandboxSpec spec, boolean warm) {
            throw new UnsupportedOperationException("opens its sandboxes itself");
        }

        @Override
        public Sandbox open(SandboxSpec spec) {
            var sandbox = new FakeSandbox();
            cold.add(sandbox);
            return sandbox;
        }

        @Override
        public Sandbox openWarm(SandboxSpec spec) {
            try {
                starts.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            var sandbox = new FakeSandbox();
            warm.add(sandbox);
            return sandbox;
        }

        @Override
        public Readiness readiness(String image) {
            return Readiness.ok();
        }
    }

    private static final class FakeSandbox implements Sandbox {
        final AtomicBoolean usable = new AtomicBoolean(true);
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public CommandOutcome run(SandboxCommand command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean usable() {
            return usable.get();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
