package dev.coderunner.submissions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.coderunner.api.ExecuteResponse;
import dev.coderunner.execution.Admission;
import dev.coderunner.execution.ExecutionRequest;
import dev.coderunner.execution.ExecutionService;
import dev.coderunner.execution.ServiceBusyException;
import dev.coderunner.execution.ServiceDrainingException;

/**
 * This replica's share of the Redis stream: one worker per run slot, each taking an entry only
 * when it is free (so a busy replica leaves work to the others). A worker first claims an entry
 * another replica took and stopped answering for (XAUTOCLAIM after the visibility timeout: that
 * replica died), else reads a new one. While a run lasts its entry is claimed again and again by
 * its own worker, which keeps it from looking abandoned. Execution is at least once: a run cut
 * short by a dead replica runs again elsewhere; its result is written once. A draining replica
 * takes nothing more and gives back what it could not run.
 */
final class RedisSubmissionWorkers {

    private static final Logger log = LoggerFactory.getLogger(RedisSubmissionWorkers.class);
    private static final Duration READ_BLOCK = Duration.ofSeconds(1);
    private static final Duration BUSY_BACKOFF = Duration.ofMillis(500);

    private final RedisSubmissions submissions;
    private final RedisClient client;
    private final ExecutionService executions;
    private final Admission admission;
    private final SubmissionRequests requests;
    private final JsonMapper json;
    private final int count;
    private final Consumer<String> consumer;
    private final Duration visibility;
    private final Map<String, Running> runningHere = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
    private volatile boolean running;

    private record Running(Thread thread, String entry) {
    }

    /** A run's answer as JSON, or our failure in words; {@code givenBack} when this replica stopped or drains. */
    private record Outcome(String resultJson, String error, boolean givenBack) {
        static final Outcome GIVEN_BACK = new Outcome(null, null, true);
    }

    /** Where a worker's next XAUTOCLAIM scan starts: the pending list is walked, not rescanned from its head. */
    private static final class ClaimCursor {
        private String next = "0-0";
    }

    RedisSubmissionWorkers(RedisSubmissions submissions, RedisClient client, ExecutionService executions,
                           Admission admission, SubmissionRequests requests, JsonMapper json, int count, String consumer,
                           Duration visibility) {
        this.submissions = submissions;
        this.client = client;
        this.executions = executions;
        this.admission = admission;
        this.requests = requests;
        this.json = json;
        this.count = count;
        this.consumer = Consumer.from(RedisSubmissions.GROUP, consumer);
        this.visibility = visibility;
    }

    void start() {
        running = true;
        var setup = client.connect();
        try {
            setup.sync().xgroupCreate(XReadArgs.StreamOffset.from(RedisSubmissions.STREAM, "0-0"), RedisSubmissions.GROUP,
                    XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException exists) {
            // Another replica made the group first.
        } finally {
            setup.close();
        }
        for (int i = 0; i < count; i++) {
            // Each worker blocks on its own connection: a blocking read would hold up a shared one.
            var connection = client.connect();
            connections.add(connection);
            threads.add(Thread.ofVirtual().name("redis-submission-worker-" + i).start(() -> work(connection.sync())));
        }
        var heartbeat = client.connect();
        connections.add(heartbeat);
        threads.add(Thread.ofVirtual().name("redis-submission-heartbeat").start(() -> heartbeat(heartbeat.sync())));
    }

    /**
     * A cancel heard on the channel: the run here, if it is here, is interrupted as a deadline would
     * end it. Atomic with the run's removal, so an interrupt never outlives the run it was meant for.
     */
    void cancel(String id) {
        runningHere.computeIfPresent(id, (key, run) -> {
            run.thread().interrupt();
            return run;
        });
    }

    /** Runs in flight are cut short and given back for another replica; nothing more is taken. */
    void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
        connections.forEach(StatefulRedisConnection::close);
        connections.clear();
    }

    private void work(RedisCommands<String, String> redis) {
        var cursor = new ClaimCursor();
        while (running) {
            try {
                if (admission.draining()) {
                    pause(READ_BLOCK);
                    continue;
                }
                StreamMessage<String, String> entry = next(redis, cursor);
                if (entry != null) {
                    process(redis, entry);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("reading submissions from Redis failed: {}", e.getMessage());
                pause(BUSY_BACKOFF);
            }
            Thread.interrupted(); // only stop() ends a worker
        }
    }

    private StreamMessage<String, String> next(RedisCommands<String, String> redis, ClaimCursor cursor) {
        var claimed = redis.xautoclaim(RedisSubmissions.STREAM,
                XAutoClaimArgs.Builder.xautoclaim(consumer, visibility, cursor.next).count(1));
        cursor.next = claimed.getId() == null ? "0-0" : claimed.getId();
        if (!claimed.getMessages().isEmpty()) {
            return claimed.getMessages().getFirst();
        }
        var read = redis.xreadgroup(consumer, XReadArgs.Builder.block(READ_BLOCK).count(1),
                XReadArgs.StreamOffset.lastConsumed(RedisSubmissions.STREAM));
        return read == null || read.isEmpty() ? null : read.getFirst();
    }

    /**
     * Known as running here before it is started, so a cancel between the two is not missed; every
     * interrupt is cleared once it is no longer here, before the Redis calls that follow.
     */
    private void process(RedisCommands<String, String> redis, StreamMessage<String, String> entry) {
        String id = entry.getBody() == null ? null : entry.getBody().get("id");
        if (id == null) {
            done(redis, entry);
            return;
        }
        runningHere.put(id, new Running(Thread.currentThread(), entry.getId()));
        Outcome outcome;
        try {
            outcome = startAndRun(id);
        } finally {
            Thread.interrupted();
            runningHere.remove(id);
            Thread.interrupted();
        }
        if (outcome == null) {
            done(redis, entry); // cancelled or done before it started, or gone
        } else if (outcome.givenBack() || !running) {
            submissions.requeue(id, consumer.getName()); // not acknowledged: another replica claims it
        } else {
            submissions.finish(id, outcome.resultJson(), outcome.error());
            done(redis, entry);
        }
    }

    /** Null when the submission is not ours to run (a cancel, even one that interrupted the start, ends here). */
    private Outcome startAndRun(String id) {
        try {
            if (!submissions.start(id, consumer.getName())) {
                return null;
            }
        } catch (RedisCommandInterruptedException interruptedByACancel) {
            return null; // the cancel set CANCELLED before it interrupted: whichever came first, it is not ours
        }
        try {
            Map<String, String> stored = submissions.stored(id);
            ExecutionRequest request = requests.toRequest((ObjectNode) json.readTree(stored.get("body")),
                    new ExecutionRequest.Caller(stored.get("owner"), stored.get("address")));
            while (true) {
                try {
                    return new Outcome(json.writeValueAsString(ExecuteResponse.of(executions.execute(request))), null, false);
                } catch (ServiceDrainingException draining) {
                    return Outcome.GIVEN_BACK;
                } catch (ServiceBusyException busy) {
                    if (!pause(BUSY_BACKOFF)) {
                        return new Outcome(null, "cancelled while waiting for a free slot", false);
                    }
                }
            }
        } catch (RuntimeException failed) {
            log.warn("submission {} failed: {}", id, failed.getMessage());
            return new Outcome(null, failed.getMessage(), false);
        }
    }

    private static void done(RedisCommands<String, String> redis, StreamMessage<String, String> entry) {
        redis.xack(RedisSubmissions.STREAM, RedisSubmissions.GROUP, entry.getId());
        redis.xdel(RedisSubmissions.STREAM, entry.getId());
    }

    /** Claims this replica's running entries again, well within the visibility timeout, so none looks abandoned. */
    private void heartbeat(RedisCommands<String, String> redis) {
        Duration every = visibility.dividedBy(3);
        while (running && pause(every)) {
            for (Running run : runningHere.values()) {
                try {
                    redis.xclaim(RedisSubmissions.STREAM, consumer, XClaimArgs.Builder.minIdleTime(0).justid(), run.entry());
                } catch (RuntimeException e) {
                    log.warn("could not renew a running submission's claim: {}", e.getMessage());
                }
            }
        }
    }

    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException interrupted) {
            return false;
        }
    }
}
