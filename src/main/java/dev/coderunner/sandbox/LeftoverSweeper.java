package dev.coderunner.sandbox;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Removes what dead instance runs left behind (a service killed mid-run never cleans up), at
 * start-up and then every {@code sweep-interval}, and retries our own removals that failed. It
 * never touches what a live instance made, however alike its settings: each run proves its life
 * to the engine's {@link Leftovers}.
 */
@Component
class LeftoverSweeper implements ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LeftoverSweeper.class);

    private final Leftovers leftovers;
    private final InstanceRun self;
    private final SandboxProperties properties;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("leftover-sweeper").factory());

    LeftoverSweeper(Leftovers leftovers, InstanceRun self, SandboxProperties properties) {
        this.leftovers = leftovers;
        this.self = self;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        sweep();
        long period = properties.sweepInterval().toMillis();
        schedule.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** One pass; failures (the engine is down) are logged and retried at the next pass. */
    void sweep() {
        try {
            int removed = 0;
            for (String run : leftovers.runs()) {
                if (!run.equals(self.id()) && !leftovers.alive(run)) {
                    int count = leftovers.remove(run);
                    log.info("Removed {} resources left by instance run {}, which is no longer alive", count, run);
                    removed += count;
                }
            }
            int retried = leftovers.retryOwn();
            if (retried > 0) {
                log.info("Removed {} resources of this instance whose removal had failed", retried);
            }
        } catch (RuntimeException e) {
            log.warn("Could not sweep leftover sandboxes: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        schedule.shutdownNow();
    }
}
