package dev.coderunner.ops;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.coderunner.execution.Admission;

/**
 * The first thing shutdown does (SIGTERM): readiness turns down at once, new runs are refused with
 * 503 and Retry-After, and the runs already admitted or queued finish and are answered, for up to
 * the shutdown timeout. Only then does the web server stop and the pools go, so a load balancer
 * moves traffic away without a client losing a run.
 */
@Component
class Drain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Drain.class);

    private final Admission admission;
    private final ApplicationEventPublisher events;
    private final Duration timeout;
    private volatile boolean running;

    Drain(Admission admission, ApplicationEventPublisher events, ShutdownTimeout timeout) {
        this.admission = admission;
        this.events = events;
        this.timeout = timeout.value();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        admission.startDraining();
        log.info("Draining: no new runs; waiting up to {} for {} running and {} queued to finish", timeout,
                admission.running(), admission.waiting());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!admission.idle() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50); // polling an in-process counter during shutdown
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.info(admission.idle() ? "Drained: every run was answered" : "Drain timed out with runs still in flight");
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops first: before the web server's own graceful shutdown stops taking connections. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
