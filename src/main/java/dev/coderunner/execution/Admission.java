package dev.coderunner.execution;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Caps how many runs execute at once. Requests beyond the cap wait in a bounded queue for a
 * bounded time; when the queue is full or the wait runs out they are refused, so nothing waits
 * without bound and overload shows as fast refusals rather than every request slowing down.
 */
@Component
public class Admission {

    private final Semaphore running;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int queueCapacity;
    private final Duration queueTimeout;
    private final int maxRunning;

    @Autowired
    public Admission(ExecutionProperties properties) {
        this(properties.concurrency());
    }

    Admission(ExecutionProperties.Concurrency concurrency) {
        this.maxRunning = concurrency.effectiveMaxRunning();
        this.running = new Semaphore(maxRunning, true);
        this.queueCapacity = concurrency.queueCapacity();
        this.queueTimeout = concurrency.queueTimeout();
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
                throw new ServiceBusyException("all " + maxRunning + " run slots are busy and the queue is full", retryAfter());
            }
            try {
                if (!running.tryAcquire(queueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new ServiceBusyException("no run slot became free within " + queueTimeout.toSeconds() + "s", retryAfter());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceBusyException("interrupted while waiting for a run slot", retryAfter());
            } finally {
                waiting.decrementAndGet();
            }
        }
        var released = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                running.release();
            }
        };
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

    private static Duration retryAfter() {
        return Duration.ofSeconds(1);
    }
}
