package dev.coderunner.sandbox.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.coderunner.sandbox.CommandOutcome;
import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxCommand;
import dev.coderunner.sandbox.SandboxFactory;
import dev.coderunner.sandbox.SandboxFile;
import dev.coderunner.sandbox.SandboxSpec;

/** The pool's bookkeeping, over an engine that only records what it was asked to do. */
class WarmPoolsTests {

    private static final SandboxSpec SPEC = new SandboxSpec("image", DataSize.ofMegabytes(1), List.of());
    private static final SandboxSpec OTHER = new SandboxSpec("other", DataSize.ofMegabytes(1), List.of());
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RecordingEngine engine = new RecordingEngine();
    private WarmPools pools;

    private WarmPools pools(Duration maxIdle) {
        pools = new WarmPools(engine, new PoolProperties(1, List.of(), 1, maxIdle), new SimpleMeterRegistry());
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
        var pools = pools(Duration.ofMinutes(1));
        pools.keepWarm("python", SPEC, 1);

        // The warm start is stuck; the run gets a cold sandbox at once rather than waiting for it.
        var sandbox = (FakeSandbox) pools.acquire(SPEC);

        assertThat(sandbox.warm).isFalse();
        assertThat(state(pools).misses()).isEqualTo(1);
    }

    @Test
    void aWarmSandboxServesOneRunAndIsReplacedAfterIt() {
        engine.starts.release(1);
        var pools = pools(Duration.ofMinutes(1));
        pools.keepWarm("python", SPEC, 1);
        await().atMost(WAIT).until(() -> state(pools).idle() == 1);

        var first = (FakeSandbox) pools.acquire(SPEC);
        var second = (FakeSandbox) pools.acquire(SPEC);

        assertThat(first.warm).isTrue();
        assertThat(second.warm).as("one warm sandbox, one run").isFalse();
        engine.starts.release(1);
        pools.release(first);
        await().atMost(WAIT).until(() -> first.closed.get() && state(pools).idle() == 1);
        assertThat(state(pools).hits()).isEqualTo(1);
        assertThat(state(pools).started()).isEqualTo(2);
    }

    @Test
    void otherSpecsRunCold() {
        engine.starts.release(1000);
        var pools = pools(Duration.ofMinutes(1));
        pools.keepWarm("python", SPEC, 1);
        await().atMost(WAIT).until(() -> state(pools).idle() == 1);

        assertThat(((FakeSandbox) pools.acquire(OTHER)).warm).isFalse();
        assertThat(state(pools).idle()).isEqualTo(1);
    }

    @Test
    void aDeadWarmSandboxIsDestroyedNotHandedOut() {
        engine.starts.release(1000);
        var pools = pools(Duration.ofMinutes(1));
        pools.keepWarm("python", SPEC, 1);
        await().atMost(WAIT).until(() -> state(pools).idle() == 1);
        FakeSandbox dead = engine.warm.peek();
        dead.usable.set(false);

        var sandbox = (FakeSandbox) pools.acquire(SPEC);

        assertThat(sandbox).isNotSameAs(dead);
        await().atMost(WAIT).until(() -> dead.closed.get());
    }

    @Test
    void aSandboxIdleTooLongIsReplaced() {
        engine.starts.release(1000);
        var pools = pools(Duration.ofMillis(1));
        pools.keepWarm("python", SPEC, 1);
        await().atMost(WAIT).until(() -> engine.warm.size() >= 1);
        FakeSandbox stale = engine.warm.peek();

        await().atMost(WAIT).until(() -> stale.closed.get());
        await().atMost(WAIT).until(() -> engine.warm.size() >= 2);
    }

    @Test
    void aFailingStartIsCountedAndExplained() {
        engine.failure = "no root filesystem";
        engine.starts.release(1000);
        var pools = pools(Duration.ofMinutes(1));
        pools.keepWarm("python", SPEC, 1);

        await().atMost(WAIT).until(() -> state(pools).failed() == 1);
        assertThat(state(pools).lastError()).isEqualTo("no root filesystem");
        assertThat(((FakeSandbox) pools.acquire(SPEC)).warm).isFalse();
    }

    @Test
    void shutdownDestroysIdleAndUsedSandboxes() throws InterruptedException {
        engine.starts.release(1000);
        var pools = pools(Duration.ofMinutes(1));
        pools.keepWarm("python", SPEC, 1);
        await().atMost(WAIT).until(() -> state(pools).idle() == 1);
        FakeSandbox idle = engine.warm.peek();
        var used = (FakeSandbox) pools.acquire(OTHER);
        pools.release(used);

        pools.destroy();

        assertThat(idle.closed).isTrue();
        assertThat(used.closed).isTrue();
    }

    private static PoolState state(WarmPools pools) {
        return pools.state().getFirst();
    }

    private static final class RecordingEngine implements SandboxFactory {
        /** Each warm start takes a permit: tests decide how many may happen. */
        final Semaphore starts = new Semaphore(0);
        final Queue<FakeSandbox> warm = new ConcurrentLinkedQueue<>();
        volatile String failure;

        @Override
        public String engine() {
            return "fake";
        }

        @Override
        public Sandbox open(SandboxSpec spec) {
            return new FakeSandbox(false);
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
            var sandbox = new FakeSandbox(true);
            warm.add(sandbox);
            return sandbox;
        }

        @Override
        public Readiness readiness(String image) {
            return Readiness.ok();
        }
    }

    private static final class FakeSandbox implements Sandbox {
        final boolean warm;
        final AtomicBoolean usable = new AtomicBoolean(true);
        final AtomicBoolean closed = new AtomicBoolean();

        FakeSandbox(boolean warm) {
            this.warm = warm;
        }

        @Override
        public void addFiles(List<SandboxFile> files) {
        }

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
