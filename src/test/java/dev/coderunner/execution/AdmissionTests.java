package dev.coderunner.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class AdmissionTests {

    private static Admission admission(int running, int queue, Duration wait) {
        return new Admission(new ExecutionProperties.Concurrency(running, queue, wait), running);
    }

    @Test
    void refusesAtOnceWhenSlotsAndQueueAreFull() {
        var admission = admission(1, 0, Duration.ofSeconds(10));
        try (var held = admission.admit()) {
            long started = System.nanoTime();
            assertThatThrownBy(admission::admit).isInstanceOf(ServiceBusyException.class)
                    .hasMessageContaining("queue is full");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        }
        admission.admit().close();
    }

    @Test
    void queuedRequestGivesUpAfterTheQueueTimeout() {
        var admission = admission(1, 1, Duration.ofMillis(100));
        try (var held = admission.admit()) {
            assertThatThrownBy(admission::admit).isInstanceOf(ServiceBusyException.class)
                    .hasMessageContaining("within");
        }
        assertThat(admission.waiting()).isZero();
    }

    @Test
    void queuedRequestRunsWhenASlotFrees() throws Exception {
        var admission = admission(1, 1, Duration.ofSeconds(10));
        var held = admission.admit();
        var queued = new CountDownLatch(1);
        var second = CompletableFuture.supplyAsync(() -> {
            queued.countDown();
            return admission.admit();
        });
        queued.await();
        while (admission.waiting() == 0) {
            Thread.onSpinWait();
        }
        held.close();
        try (var permit = second.get(5, TimeUnit.SECONDS)) {
            assertThat(admission.running()).isEqualTo(1);
        }
        assertThat(admission.running()).isZero();
    }

    @Test
    void closingAPermitTwiceReleasesOnlyOneSlot() {
        var admission = admission(2, 0, Duration.ofSeconds(1));
        var permit = admission.admit();
        permit.close();
        permit.close();
        assertThat(admission.running()).isZero();
        try (var a = admission.admit(); var b = admission.admit()) {
            assertThatThrownBy(admission::admit).isInstanceOf(ServiceBusyException.class);
        }
    }

    @Test
    void refusesAtOnceWhenTheRunsAheadWouldOutlastTheQueueTimeout() {
        var admission = admission(1, 4, Duration.ofSeconds(1));
        admission.record(Duration.ofSeconds(5).toNanos());
        try (var held = admission.admit()) {
            long started = System.nanoTime();
            assertThatThrownBy(admission::admit).isInstanceOfSatisfying(ServiceBusyException.class, busy -> {
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
    void slotsFollowCoresAndMemory() {
        long gib = 1024L * 1024 * 1024;
        assertThat(ExecutionProperties.Concurrency.machineSlots(2, 24 * gib, DataSize.ofMegabytes(512)))
                .as("two per core when memory is plentiful").isEqualTo(4);
        assertThat(ExecutionProperties.Concurrency.machineSlots(16, 4 * gib, DataSize.ofMegabytes(512)))
                .as("no more than 3/4 of memory at every run's limit").isEqualTo(6);
        assertThat(ExecutionProperties.Concurrency.machineSlots(1, gib / 4, DataSize.ofMegabytes(512)))
                .as("at least one").isEqualTo(1);
    }

    @Test
    void queueFollowsSlotsUnlessConfigured() {
        assertThat(new ExecutionProperties.Concurrency(0, null, Duration.ofSeconds(1)).effectiveQueueCapacity(4))
                .isEqualTo(16);
        assertThat(new ExecutionProperties.Concurrency(0, 3, Duration.ofSeconds(1)).effectiveQueueCapacity(4))
                .isEqualTo(3);
    }
}
