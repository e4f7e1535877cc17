package dev.coderunner.execution;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Caps how many runs execute at once. Requests beyond the cap wait in a bounded queue for a
 * bounded time; when the queue is full, or the runs ahead would take longer than the queue timeout
 * (judged from recent run times), they are refused at once; when the wait runs out, they are
 * refused then. So nothing waits without bound, and overload shows as fast refusals with an
 * honest Retry-After rather than every request slowing down.
 */
@Component
public class Admission {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);

    private final Semaphore running;
    private final AtomicInteger waiting = new AtomicInteger();
    private final LongAdder refused = new LongAdder();
    /** Moving average of how long a run holds its slot, in nanoseconds; 0 until a run has ended. */
    private final AtomicLong averageRun = new AtomicLong();
    private final int queueCapacity;
    private final Duration queueTimeout;
    private final int maxRunning;

    @Autowired
    public Admission(ExecutionProperties properties) {
        this(properties.concurrency(), properties.concurrency().maxRunning() > 0
                ? properties.concurrency().maxRunning()
                : ExecutionProperties.Concurrency.machineSlots(Runtime.getRuntime().availableProcessors(),
                        machineMemory(), properties.memory().compareTo(properties.compileMemory()) > 0
                                ? properties.memory() : properties.compileMemory()));
    }

    Admission(ExecutionProperties.Concurrency concurrency, int maxRunning) {
        this.maxRunning = maxRunning;
        this.running = new Semaphore(maxRunning, true);
        this.queueCapacity = concurrency.effectiveQueueCapacity(maxRunning);
        this.queueTimeout = concurrency.queueTimeout();
        log.info("Admission: {} runs at once, {} more may queue for up to {}", maxRunning, queueCapacity, queueTimeout);
    }

    private static long machineMemory() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
    }

    /** A slot held for one run; closing it lets the next request in. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    public Permit admit() {
        if (!running.tryAcquire()) {
            if (waiting.incrementAndGet() > queueCapacity) {
                waiting.decrementAndGet();
                refused.increment();
                throw new ServiceBusyException("all " + maxRunning + " run slots are busy and the queue is full",
                        retryAfter(expectedWait(queueCapacity)));
            }
            try {
                Duration expected = expectedWait(waiting.get() - 1);
                if (expected.compareTo(queueTimeout) > 0) {
                    refused.increment();
                    throw new ServiceBusyException("the runs ahead would take about " + expected.toSeconds()
                            + "s, longer than the queue timeout", retryAfter(expected));
                }
                if (!running.tryAcquire(queueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    refused.increment();
                    throw new ServiceBusyException("no run slot became free within " + queueTimeout.toSeconds() + "s",
                            retryAfter(expectedWait(queueCapacity)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceBusyException("interrupted while waiting for a run slot", Duration.ofSeconds(1));
            } finally {
                waiting.decrementAndGet();
            }
        }
        long admitted = System.nanoTime();
        var released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                record(System.nanoTime() - admitted);
                running.release();
            }
        };
    }

    /** Until a slot frees for a request with {@code ahead} requests queued before it. */
    Duration expectedWait(int ahead) {
        return Duration.ofNanos((Math.max(0, ahead) / maxRunning + 1) * averageRun.get());
    }

    void record(long runNanos) {
        averageRun.getAndUpdate(average -> average == 0 ? runNanos : average + (runNanos - average) / 8);
    }

    public int running() {
        return maxRunning - running.availablePermits();
    }

    public int waiting() {
        return waiting.get();
    }

    public int maxRunning() {
        return maxRunning;
    }

    /** Requests refused so far because no slot or queue place was free. */
    public long refused() {
        return refused.sum();
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    /** When a retry has a fair chance: the expected wait, at least a second. */
    private static Duration retryAfter(Duration expectedWait) {
        return Duration.ofSeconds(Math.max(1, (expectedWait.toMillis() + 999) / 1000));
    }
}
