package dev.coderunner.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class AdmissionTests {

    private static final DataSize RUN = DataSize.ofMegabytes(100);

    private static Admission admission(int running, int queue, Duration wait) {
        return admission(running, queue, wait, DataSize.ofGigabytes(10));
    }

    private static Admission admission(int running, int queue, Duration wait, DataSize memory) {
        return new Admission(new ExecutionProperties.Concurrency(running, queue, wait, null), running, memory);
    }

    @Test
    void refusesAtOnceWhenSlotsAndQueueAreFull() {
        var admission = admission(1, 0, Duration.ofSeconds(10));
        try (var held = admission.admit(RUN)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> admission.admit(RUN)).isInstanceOf(ServiceBusyException.class)
                    .hasMessageContaining("queue is full");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        }
        admission.admit(RUN).close();
    }

    @Test
    void aSlotHeldOnlyByATeardownMayBeWaitedForEvenWithTheQueueFull() throws Exception {
        var admission = admission(1, 0, Duration.ofSeconds(10));
        var held = admission.admit(RUN);
        held.finishing();
        var next = CompletableFuture.supplyAsync(() -> admission.admit(RUN));
        await().atMost(Duration.ofSeconds(5)).until(() -> admission.waiting() == 1);
        assertThatThrownBy(() -> admission.admit(RUN)).as("only one may wait per finishing slot")
                .isInstanceOf(ServiceBusyException.class).hasMessageContaining("queue is full");

        held.close();
        try (var permit = next.get(5, TimeUnit.SECONDS)) {
            assertThat(admission.running()).isEqualTo(1);
            assertThatThrownBy(() -> admission.admit(RUN)).as("the finishing slot was given back")
                    .isInstanceOf(ServiceBusyException.class);
        }
    }

    @Test
    void queuedRequestGivesUpAfterTheQueueTimeout() {
        var admission = admission(1, 1, Duration.ofMillis(100));
        try (var held = admission.admit(RUN)) {
            assertThatThrownBy(() -> admission.admit(RUN)).isInstanceOf(ServiceBusyException.class)
                    .hasMessageContaining("within");
        }
        assertThat(admission.waiting()).isZero();
    }

    @Test
    void queuedRequestRunsWhenASlotFrees() throws Exception {
        var admission = admission(1, 1, Duration.ofSeconds(10));
        var held = admission.admit(RUN);
        var second = CompletableFuture.supplyAsync(() -> admission.admit(RUN));
        await().atMost(Duration.ofSeconds(5)).until(() -> admission.waiting() == 1);
        held.close();
        try (var permit = second.get(5, TimeUnit.SECONDS)) {
            assertThat(admission.running()).isEqualTo(1);
        }
        assertThat(admission.running()).isZero();
    }

    @Test
    void aNewcomerNeverOvertakesARequestAlreadyWaiting() throws Exception {
        var admission = admission(1, 4, Duration.ofSeconds(10));
        var order = new CopyOnWriteArrayList<String>();
        var held = admission.admit(RUN);
        var first = queued(admission, RUN, "first", order);
        await().atMost(Duration.ofSeconds(5)).until(() -> admission.waiting() == 1);
        var second = queued(admission, RUN, "second", order);
        await().atMost(Duration.ofSeconds(5)).until(() -> admission.waiting() == 2);

        // A slot frees while a newcomer arrives: it must queue behind both, not take the slot.
        held.close();
        var newcomer = queued(admission, RUN, "newcomer", order);

        CompletableFuture.allOf(first, second, newcomer).get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("first", "second", "newcomer");
    }

    @Test
    void runsAreAdmittedOnlyWhileTheirMemoryLimitsFitTogether() throws Exception {
        var admission = admission(8, 4, Duration.ofSeconds(10), DataSize.ofMegabytes(1000));
        var order = new CopyOnWriteArrayList<String>();
        var big = admission.admit(DataSize.ofMegabytes(700));
        // 700 + 400 > 1000: it waits although seven slots are free, and a small run behind it waits too.
        var large = queued(admission, DataSize.ofMegabytes(400), "large", order);
        await().atMost(Duration.ofSeconds(5)).until(() -> admission.waiting() == 1);
        var small = queued(admission, DataSize.ofMegabytes(100), "small", order);
        await().atMost(Duration.ofSeconds(5)).until(() -> admission.waiting() == 2);
        assertThat(admission.memoryInUse()).isEqualTo(DataSize.ofMegabytes(700).toBytes());

        big.close();

        CompletableFuture.allOf(large, small).get(10, TimeUnit.SECONDS);
        // Both fit once the big run is gone; the small one merely had to wait its turn.
        assertThat(order).containsExactlyInAnyOrder("large", "small");
        assertThat(admission.memoryInUse()).isZero();
    }

    @Test
    void aRunLargerThanTheWholeBudgetIsAMistakeNotAWait() {
        var admission = admission(2, 4, Duration.ofSeconds(10), DataSize.ofMegabytes(500));
        assertThatThrownBy(() -> admission.admit(DataSize.ofMegabytes(501))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Admits on another thread, notes the name once admitted, and lets go at once. */
    private static CompletableFuture<Void> queued(Admission admission, DataSize memory, String name, List<String> order) {
        return CompletableFuture.runAsync(() -> {
            try (var permit = admission.admit(memory)) {
                order.add(name);
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
    }

    @Test
    void closingAPermitTwiceReleasesOnlyOneSlot() {
        var admission = admission(2, 0, Duration.ofSeconds(1));
        var permit = admission.admit(RUN);
        permit.close();
        permit.close();
        assertThat(admission.running()).isZero();
        try (var a = admission.admit(RUN); var b = admission.admit(RUN)) {
            assertThatThrownBy(() -> admission.admit(RUN)).isInstanceOf(ServiceBusyException.class);
        }
    }

    @Test
    void refusesAtOnceWhenTheRunsAheadWouldOutlastTheQueueTimeout() {
        var admission = admission(1, 4, Duration.ofSeconds(1));
        admission.record(Duration.ofSeconds(5).toNanos());
        try (var held = admission.admit(RUN)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> admission.admit(RUN)).isInstanceOfSatisfying(ServiceBusyException.class, busy -> {
                assertThat(busy).hasMessageContaining("longer than the queue timeout");
                assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(5));
            });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        }
        assertThat(admission.refused()).isEqualTo(1);
    }

    @Test
    void expectedWaitCountsRoundsOfRunsAhead() {
        var admission = admission(2, 8, Duration.ofSeconds(10));
        assertThat(admission.expectedWait(3)).as("unknown until a run has ended").isZero();
        admission.record(Duration.ofMillis(400).toNanos());

        assertThat(admission.expectedWait(0)).isEqualTo(Duration.ofMillis(400));
        assertThat(admission.expectedWait(3)).as("two slots: three ahead is one more round").isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void slotsFollowCoresAndTheBudgetFollowsMemoryUnlessConfigured() {
        long gib = 1024L * 1024 * 1024;
        var derived = new ExecutionProperties.Concurrency(0, null, Duration.ofSeconds(1), null);
        assertThat(derived.slots(2)).as("two per core").isEqualTo(4);
        assertThat(derived.memoryBudget(24 * gib)).as("three quarters of the machine").isEqualTo(DataSize.ofGigabytes(18));
        var configured = new ExecutionProperties.Concurrency(3, null, Duration.ofSeconds(1), DataSize.ofGigabytes(2));
        assertThat(configured.slots(16)).isEqualTo(3);
        assertThat(configured.memoryBudget(24 * gib)).isEqualTo(DataSize.ofGigabytes(2));
    }

    @Test
    void queueFollowsSlotsUnlessConfigured() {
        assertThat(new ExecutionProperties.Concurrency(0, null, Duration.ofSeconds(1), null).effectiveQueueCapacity(4))
                .isEqualTo(16);
        assertThat(new ExecutionProperties.Concurrency(0, 3, Duration.ofSeconds(1), null).effectiveQueueCapacity(4))
                .isEqualTo(3);
    }
}
