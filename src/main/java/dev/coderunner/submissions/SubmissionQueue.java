package dev.coderunner.submissions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.coderunner.api.ExecuteResponse;
import dev.coderunner.execution.Admission;
import dev.coderunner.execution.ExecutionService;
import dev.coderunner.execution.ServiceBusyException;

/**
 * Submissions kept in this process: a bounded queue, one worker per run slot (each run still goes
 * through admission, so queued work never crowds out {@code /execute} beyond its share), and
 * results kept for the TTL after they are final. Nothing here survives a restart.
 */
@Component
@ConditionalOnExpression("'${code-runner.submissions.redis-url:}'.isBlank()")
class SubmissionQueue implements SmartLifecycle, SubmissionBroker {

    private static final Logger log = LoggerFactory.getLogger(SubmissionQueue.class);
    private static final Duration BUSY_BACKOFF = Duration.ofMillis(500);

    private final ExecutionService executions;
    private final CallbackSender callbacks;
    private final SubmissionProperties properties;
    private final Clock clock;
    private final int workers;
    private final Map<String, Submission> submissions = new ConcurrentHashMap<>();
    private final BlockingQueue<Submission> queued;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    SubmissionQueue(ExecutionService executions, Admission admission, SubmissionProperties properties, Clock clock,
                    MeterRegistry meters, CallbackSender callbacks) {
        this.executions = executions;
        this.callbacks = callbacks;
        this.properties = properties;
        this.clock = clock;
        this.workers = admission.maxRunning();
        this.queued = new LinkedBlockingQueue<>(properties.queueCapacity());
        Gauge.builder("coderunner.submissions.queued", queued, BlockingQueue::size)
                .description("Submissions waiting to run").register(meters);
        Gauge.builder("coderunner.submissions.oldest.age", this, queue -> queue.oldestQueuedAge().toMillis() / 1000.0)
                .description("Seconds the oldest queued submission has waited").baseUnit("seconds").register(meters);
    }

    @Override
    public Submission.View submit(SubmissionRequests.Prepared prepared) {
        expire();
        var stored = prepared.stored();
        var submission = new Submission(UUID.randomUUID().toString(), stored.owner(), prepared.request(),
                stored.metadata(), stored.callbackUrl(), clock.instant());
        submissions.put(submission.id(), submission);
        if (!queued.offer(submission)) {
            submissions.remove(submission.id());
            throw new SubmissionQueueFullException(queued.size(), oldestQueuedAge());
        }
        return submission.view();
    }

    @Override
    public Optional<Submission.View> find(String owner, String id) {
        return owned(owner, id).map(Submission::view);
    }

    @Override
    public CompletableFuture<Submission.View> awaitFinal(Submission.View current, Duration wait) {
        Submission submission = submissions.get(current.id());
        if (submission == null) {
            return CompletableFuture.completedFuture(current);
        }
        return submission.settled().copy()
                .completeOnTimeout(submission, wait.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(Submission::view);
    }

    @Override
    public Optional<Submission.View> cancel(String owner, String id) {
        return owned(owner, id).map(submission -> {
            boolean wasFinal = submission.view().state().isFinal();
            if (submission.cancel(clock.instant()) && !wasFinal) {
                queued.remove(submission);
                deliverCallback(submission);
            }
            return submission.view();
        });
    }

    /** A submission of this owner's: another key's is as absent as an unknown one. */
    private Optional<Submission> owned(String owner, String id) {
        expire();
        return Optional.ofNullable(submissions.get(id)).filter(submission -> submission.owner().equals(owner));
    }

    private void deliverCallback(Submission submission) {
        if (submission.callbackUrl() != null) {
            callbacks.deliver(submission.view(), submission.callbackUrl(), submission::callbackAttempted);
        }
    }

    @Override
    public int depth() {
        return queued.size();
    }

    @Override
    public int capacity() {
        return properties.queueCapacity();
    }

    @Override
    public Duration oldestAge() {
        return oldestQueuedAge();
    }

    Duration oldestQueuedAge() {
        Submission head = queued.peek();
        return head == null ? Duration.ZERO : Duration.between(head.createdAt(), clock.instant());
    }

    /** Final submissions older than the TTL go; a running or queued one stays until it is final. */
    private void expire() {
        Instant cutoff = clock.instant().minus(properties.ttl());
        submissions.values().removeIf(submission -> {
            var view = submission.view();
            return view.state().isFinal() && view.finishedAt().isBefore(cutoff);
        });
    }

    private void work() {
        while (running) {
            Submission next;
            try {
                next = queued.take();
            } catch (InterruptedException stopping) {
                return;
            }
            if (next.start(Thread.currentThread(), clock.instant())) {
                run(next);
                if (next.view().state() == SubmissionState.DONE) {
                    deliverCallback(next);
                }
            }
            Thread.interrupted(); // a cancel aimed at the run just ended must not reach the next one
        }
    }

    private void run(Submission submission) {
        while (true) {
            try {
                var result = executions.execute(submission.request());
                submission.finish(ExecuteResponse.of(result), clock.instant());
                return;
            } catch (ServiceBusyException busy) {
                if (!backOff()) {
                    return;
                }
            } catch (RuntimeException failed) {
                log.warn("submission {} failed: {}", submission.id(), failed.getMessage());
                submission.fail(failed.getMessage(), clock.instant());
                return;
            }
        }
    }

    /** Waits before trying a busy service again; false when the submission was cancelled meanwhile. */
    private static boolean backOff() {
        try {
            Thread.sleep(BUSY_BACKOFF);
            return true;
        } catch (InterruptedException cancelled) {
            return false;
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofVirtual().name("submission-worker-" + i).start(this::work));
        }
    }

    @Override
    public void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
