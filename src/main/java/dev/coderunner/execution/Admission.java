package dev.coderunner.execution;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Decides when a run may start: at most so many runs at once, and never more memory than the
 * service may use, counting every admitted run at its own memory limit. Requests beyond that wait
 * in a bounded first-come, first-served queue for a bounded time: a newcomer never overtakes a
 * request already waiting, even one whose memory does not fit yet. When the queue is full, or the
 * runs ahead would take longer than the queue timeout (judged from recent run times), requests are
 * refused at once; when the wait runs out, they are refused then. So nothing waits without bound,
 * and overload shows as fast refusals with an honest Retry-After rather than every request
 * slowing down.
 */
@Component
public class Admission {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);

    /** One queued request, woken when it may be at the head with room for it. */
    private record Waiter(long memory, Condition turn) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<Waiter> queue = new ArrayDeque<>();
    private int running;
    /** Slots held only by a teardown after the answer ({@link Permit#finishing()}). */
    private int finishing;
    private long memoryInUse;
    /** Requests refused, by reason: queue-full, wait-too-long, timed-out, draining. */
    private final java.util.Map<String, LongAdder> refused = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean draining;
    /** Moving average of how long a run holds its slot, in nanoseconds; 0 until a run has ended. */
    private final AtomicLong averageRun = new AtomicLong();
    private final int maxRunning;
    private final long memoryBudget;
    private final int queueCapacity;
    private final Duration queueTimeout;

    @Autowired
    public Admission(ExecutionProperties properties) {
        this(properties.concurrency(), properties.concurrency().slots(Runtime.getRuntime().availableProcessors()),
                properties.concurrency().memoryBudget(machineMemory()));
    }

    Admission(ExecutionProperties.Concurrency concurrency, int maxRunning, DataSize memoryBudget) {
        this.maxRunning = maxRunning;
        this.memoryBudget = memoryBudget.toBytes();
        this.queueCapacity = concurrency.effectiveQueueCapacity(maxRunning);
        this.queueTimeout = concurrency.queueTimeout();
        log.info("Admission: {} runs at once within {} MB of run memory, {} more may queue for up to {}", maxRunning,
                memoryBudget.toMegabytes(), queueCapacity, queueTimeout);
    }

    private static long machineMemory() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
    }

    /** A slot and its memory, held for one run; closing it lets the next request in. */
    public interface Permit extends AutoCloseable {

        /**
         * The run has been answered and only its sandbox's teardown holds the slot now: until it
         * is closed, one more request may wait for this slot even when the queue is full, so a
         * client that sends its next run as soon as it has the answer is not refused for it.
         */
        void finishing();

        @Override
        void close();
    }

    /** Admits a run that may use up to {@code memory}, waiting its turn if need be. */
    public Permit admit(DataSize memory) {
        if (draining) {
            count("draining");
            throw new ServiceDrainingException();
        }
        long need = memory.toBytes();
        if (need > memoryBudget) {
            throw new IllegalArgumentException("a run of " + memory.toMegabytes() + " MB can never fit the "
                    + DataSize.ofBytes(memoryBudget).toMegabytes() + " MB run memory budget");
        }
        lock.lock();
        try {
            if (queue.isEmpty() && fits(need)) {
                return grant(need);
            }
            if (queue.size() >= queueCapacity + finishing) {
                throw busy("queue-full", "all " + maxRunning + " run slots (or the run memory) are taken and the queue is full",
                        expectedWait(queueCapacity));
            }
            Duration expected = expectedWait(queue.size());
            if (expected.compareTo(queueTimeout) > 0) {
                throw busy("wait-too-long", "the runs ahead would take about " + expected.toSeconds() + "s, longer than the queue timeout",
                        expected);
            }
            return await(new Waiter(need, lock.newCondition()));
        } finally {
            lock.unlock();
        }
    }

    /** Waits, lock held, until the waiter is at the head and its run fits, or the queue timeout. */
    private Permit await(Waiter waiter) {
        queue.addLast(waiter);
        long deadline = System.nanoTime() + queueTimeout.toNanos();
        try {
            while (queue.peekFirst() != waiter || !fits(waiter.memory())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw busy("timed-out", "no run slot became free within " + queueTimeout.toSeconds() + "s",
                            expectedWait(queueCapacity));
                }
                waiter.turn().awaitNanos(left);
            }
            queue.removeFirst();
            Permit permit = grant(waiter.memory());
            wakeHead();
            return permit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy("timed-out", "interrupted while waiting for a run slot", Duration.ofSeconds(1));
        } finally {
            if (queue.remove(waiter)) {
                wakeHead();
            }
        }
    }

    private boolean fits(long memory) {
        return running < maxRunning && memoryInUse + memory <= memoryBudget;
    }

    private Permit grant(long memory) {
        running++;
        memoryInUse += memory;
        return new Slot(memory, System.nanoTime());
    }

    private final class Slot implements Permit {
        private final long memory;
        private final long admitted;
        private boolean finished;
        private boolean released;

        Slot(long memory, long admitted) {
            this.memory = memory;
            this.admitted = admitted;
        }

        @Override
        public void finishing() {
            lock.lock();
            try {
                if (!finished && !released) {
                    finished = true;
                    finishing++;
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (released) {
                    return;
                }
                released = true;
                record(System.nanoTime() - admitted);
                running--;
                memoryInUse -= memory;
                if (finished) {
                    finishing--;
                }
                wakeHead();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Only the head may go next: waking it alone keeps the order first come, first served. */
    private void wakeHead() {
        Waiter head = queue.peekFirst();
        if (head != null) {
            head.turn().signal();
        }
    }

    private ServiceBusyException busy(String why, String reason, Duration expectedWait) {
        count(why);
        return new ServiceBusyException(reason, retryAfter(expectedWait));
    }

    private void count(String why) {
        refused.computeIfAbsent(why, key -> new LongAdder()).increment();
    }

    /**
     * From now on new runs are refused (the service is shutting down); runs admitted or queued
     * before go on. {@link #idle()} tells when they are all done.
     */
    public void startDraining() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** Nothing running and nothing queued. */
    public boolean idle() {
        lock.lock();
        try {
            return running == 0 && queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Until a slot frees for a request with {@code ahead} requests queued before it. */
    Duration expectedWait(int ahead) {
        return Duration.ofNanos((Math.max(0, ahead) / maxRunning + 1) * averageRun.get());
    }

    void record(long runNanos) {
        averageRun.getAndUpdate(average -> average == 0 ? runNanos : average + (runNanos - average) / 8);
    }

    public int running() {
        return withLock(() -> running);
    }

    public int waiting() {
        return withLock(queue::size);
    }

    public int maxRunning() {
        return maxRunning;
    }

    /** Memory of every admitted run at its limit, in bytes. */
    public long memoryInUse() {
        lock.lock();
        try {
            return memoryInUse;
        } finally {
            lock.unlock();
        }
    }

    public long memoryBudget() {
        return memoryBudget;
    }

    /** Requests refused so far because no slot or queue place was free, or the service was draining. */
    public long refused() {
        return refused.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Requests refused so far for one reason. */
    public long refused(String why) {
        var count = refused.get(why);
        return count == null ? 0 : count.sum();
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    private int withLock(java.util.function.IntSupplier read) {
        lock.lock();
        try {
            return read.getAsInt();
        } finally {
            lock.unlock();
        }
    }

    /** When a retry has a fair chance: the expected wait, at least a second. */
    private static Duration retryAfter(Duration expectedWait) {
        return Duration.ofSeconds(Math.max(1, (expectedWait.toMillis() + 999) / 1000));
    }
}
