package dev.coderunner.submissions;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.coderunner.execution.Admission;
import dev.coderunner.execution.ExecutionService;
import dev.coderunner.sandbox.InstanceRun;

/**
 * Submissions shared by every replica through Redis: each is a hash (its body, owner, state and,
 * once final, its result, expiring after the TTL), queued as an entry of one stream read by one
 * consumer group, so each entry goes to one replica at a time ({@link RedisSubmissionWorkers}).
 * Changes of state are Lua scripts, so a result is written once and a cancel never loses to a
 * finishing run; replicas hear of settled and cancelled submissions on two pub/sub channels, which
 * is what a long poll waits on.
 */
@Component
@ConditionalOnExpression("!'${code-runner.submissions.redis-url:}'.isBlank()")
class RedisSubmissions implements SubmissionBroker, SmartLifecycle, DisposableBean {

    static final String STREAM = "coderunner:submissions";
    static final String GROUP = "runners";
    /** Queued ids by the time they were made: the depth and the oldest age. */
    private static final String QUEUED = "coderunner:submissions:queued";
    private static final String SETTLED = "coderunner:submissions:settled";
    private static final String CANCELLED = "coderunner:submissions:cancelled";
    /** A submission never final (its replicas all gone for good) still goes, this long after its TTL would have begun. */
    private static final Duration SAFETY_EXPIRY = Duration.ofDays(1);

    private static final String SUBMIT = """
            if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], unpack(ARGV, 5))
            redis.call('EXPIRE', KEYS[1], ARGV[4])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
            redis.call('XADD', KEYS[3], '*', 'id', ARGV[3])
            return 1
            """;
    private static final String START = """
            local state = redis.call('HGET', KEYS[1], 'state')
            if not state then
              redis.call('ZREM', KEYS[2], ARGV[3])
              return 'GONE'
            end
            if state == 'DONE' or state == 'CANCELLED' then return state end
            redis.call('HSET', KEYS[1], 'state', 'RUNNING', 'started_at', ARGV[2], 'worker', ARGV[1])
            redis.call('ZREM', KEYS[2], ARGV[3])
            return 'RUNNING'
            """;
    /** A run given back (the replica stops or drains): queued again, for another replica to claim. */
    private static final String REQUEUE = """
            if redis.call('HGET', KEYS[1], 'state') ~= 'RUNNING' or redis.call('HGET', KEYS[1], 'worker') ~= ARGV[3] then
              return 0
            end
            redis.call('HSET', KEYS[1], 'state', 'QUEUED')
            redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
            return 1
            """;
    private static final String FINISH = """
            if redis.call('HGET', KEYS[1], 'state') ~= 'RUNNING' then return 0 end
            redis.call('HSET', KEYS[1], 'state', 'DONE', 'finished_at', ARGV[1])
            if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'result', ARGV[2]) end
            if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'error', ARGV[3]) end
            redis.call('EXPIRE', KEYS[1], ARGV[4])
            redis.call('PUBLISH', ARGV[5], ARGV[6])
            return 1
            """;
    /** A callback's outcome, recorded only while the submission is still kept. */
    private static final String RECORD_CALLBACK = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], 'callback', ARGV[1])
            return 1
            """;
    private static final String CANCEL = """
            local state = redis.call('HGET', KEYS[1], 'state')
            if not state or redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 'GONE' end
            if state == 'DONE' or state == 'CANCELLED' then return state end
            redis.call('HSET', KEYS[1], 'state', 'CANCELLED', 'finished_at', ARGV[2])
            redis.call('ZREM', KEYS[2], ARGV[6])
            redis.call('EXPIRE', KEYS[1], ARGV[3])
            if state == 'RUNNING' then redis.call('PUBLISH', ARGV[5], ARGV[6]) end
            redis.call('PUBLISH', ARGV[4], ARGV[6])
            return 'CANCELLED'
            """;

    private final SubmissionProperties properties;
    private final CallbackSender callbacks;
    private final JsonMapper json;
    private final Clock clock;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> events;
    private final RedisSubmissionWorkers workers;
    private final Map<String, Set<CompletableFuture<Submission.View>>> waiters = new ConcurrentHashMap<>();
    /** Redis calls never run on Lettuce's event loop nor on the shared timeout thread. */
    private final Executor background = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;

    RedisSubmissions(SubmissionProperties properties, ExecutionService executions, SubmissionRequests requests,
                     Admission admission, CallbackSender callbacks, JsonMapper json, Clock clock, InstanceRun instance,
                     MeterRegistry meters) {
        this.properties = properties;
        this.callbacks = callbacks;
        this.json = json;
        this.clock = clock;
        this.client = RedisClient.create(properties.redisUrl());
        this.connection = client.connect();
        this.redis = connection.sync();
        this.events = client.connectPubSub();
        this.workers = new RedisSubmissionWorkers(this, client, executions, admission, requests, json, admission.maxRunning(),
                "replica-" + instance.id(), properties.visibilityTimeout());
        Gauge.builder("coderunner.submissions.queued", this, RedisSubmissions::depth)
                .description("Submissions waiting to run").register(meters);
        Gauge.builder("coderunner.submissions.oldest.age", this, queue -> queue.oldestAge().toMillis() / 1000.0)
                .description("Seconds the oldest queued submission has waited").baseUnit("seconds").register(meters);
    }

    static String key(String id) {
        return "coderunner:submission:" + id;
    }

    @Override
    public Submission.View submit(SubmissionRequests.Prepared prepared) {
        var stored = prepared.stored();
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        var args = new ArrayList<>(List.of(String.valueOf(properties.queueCapacity()), String.valueOf(now.toEpochMilli()),
                id, String.valueOf(SAFETY_EXPIRY.plus(properties.ttl()).toSeconds()), "owner", stored.owner(), "address", stored.address(), "body", json.writeValueAsString(stored.fields()),
                "state", SubmissionState.QUEUED.name(), "created_at", now.toString()));
        if (stored.metadata() != null) {
            args.addAll(List.of("metadata", json.writeValueAsString(stored.metadata())));
        }
        if (stored.callbackUrl() != null) {
            args.addAll(List.of("callback_url", stored.callbackUrl().toString()));
        }
        Long accepted = redis.eval(SUBMIT, ScriptOutputType.INTEGER, new String[] {key(id), QUEUED, STREAM},
                args.toArray(String[]::new));
        if (accepted == null || accepted == 0) {
            throw new SubmissionQueueFullException(depth(), oldestAge());
        }
        return new Submission.View(id, SubmissionState.QUEUED, now, null, null, null, null, stored.metadata(),
                stored.callbackUrl() == null ? null : new Submission.Callback(Submission.Callback.PENDING, 0, null));
    }

    @Override
    public Optional<Submission.View> find(String owner, String id) {
        Map<String, String> fields = redis.hgetall(key(id));
        if (fields.isEmpty() || !owner.equals(fields.get("owner"))) {
            return Optional.empty();
        }
        return Optional.of(view(id, fields));
    }

    /** Completed by the settled channel; read once more after subscribing, so a settle in between is not missed. */
    @Override
    public CompletableFuture<Submission.View> awaitFinal(Submission.View current, Duration wait) {
        var settled = new CompletableFuture<Submission.View>();
        waiters.compute(current.id(), (id, futures) -> {
            var waiting = futures == null ? ConcurrentHashMap.<CompletableFuture<Submission.View>>newKeySet() : futures;
            waiting.add(settled);
            return waiting;
        });
        background.execute(() -> settle(current.id(), false));
        return settled.completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((view, error) -> forget(current.id(), settled))
                .thenApplyAsync(view -> view != null ? view : latest(current), background);
    }

    @Override
    public Optional<Submission.View> cancel(String owner, String id) {
        Instant now = clock.instant();
        String outcome = redis.eval(CANCEL, ScriptOutputType.VALUE, new String[] {key(id), QUEUED}, owner, now.toString(),
                String.valueOf(properties.ttl().toSeconds()), SETTLED, CANCELLED, id);
        if ("GONE".equals(outcome)) {
            return Optional.empty();
        }
        var view = find(owner, id);
        if ("CANCELLED".equals(outcome)) {
            view.ifPresent(this::deliverCallback);
        }
        return view;
    }

    @Override
    public int depth() {
        return Math.toIntExact(redis.zcard(QUEUED));
    }

    @Override
    public int capacity() {
        return properties.queueCapacity();
    }

    @Override
    public Duration oldestAge() {
        var oldest = redis.zrangeWithScores(QUEUED, 0, 0);
        if (oldest.isEmpty()) {
            return Duration.ZERO;
        }
        var age = Duration.between(Instant.ofEpochMilli((long) oldest.getFirst().getScore()), clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }

    /** Takes a queued submission for a run here: true when it is ours to run (not cancelled or done meanwhile). */
    boolean start(String id, String worker) {
        return "RUNNING".equals(redis.eval(START, ScriptOutputType.VALUE, new String[] {key(id), QUEUED}, worker,
                clock.instant().toString(), id));
    }

    /** Its result, or our failure in words; ignored (false) unless it is still running: written once. */
    boolean finish(String id, String resultJson, String error) {
        Long written = redis.eval(FINISH, ScriptOutputType.INTEGER, new String[] {key(id)}, clock.instant().toString(),
                resultJson == null ? "" : resultJson, error == null ? "" : error,
                String.valueOf(properties.ttl().toSeconds()), SETTLED, id);
        if (written != null && written == 1) {
            Map<String, String> fields = redis.hgetall(key(id));
            if (!fields.isEmpty()) {
                deliverCallback(view(id, fields));
            }
            return true;
        }
        return false;
    }

    /** A run this replica gives back (it stops or drains): queued again, claimed by another replica after the visibility timeout. */
    void requeue(String id, String worker) {
        redis.eval(REQUEUE, ScriptOutputType.INTEGER, new String[] {key(id), QUEUED},
                String.valueOf(clock.instant().toEpochMilli()), id, worker);
    }

    Map<String, String> stored(String id) {
        return redis.hgetall(key(id));
    }

    private void deliverCallback(Submission.View view) {
        String url = redis.hget(key(view.id()), "callback_url");
        if (url != null) {
            callbacks.deliver(view, URI.create(url), outcome -> redis.eval(RECORD_CALLBACK, ScriptOutputType.INTEGER,
                    new String[] {key(view.id())}, json.writeValueAsString(outcome)));
        }
    }

    private Submission.View latest(Submission.View current) {
        Map<String, String> fields = redis.hgetall(key(current.id()));
        return fields.isEmpty() ? current : view(current.id(), fields);
    }

    /** Completes the waiters of a submission that is final; with {@code announced}, it was said to be. */
    private void settle(String id, boolean announced) {
        Map<String, String> fields = redis.hgetall(key(id));
        if (fields.isEmpty()) {
            return;
        }
        var view = view(id, fields);
        if (!view.state().isFinal() && !announced) {
            return;
        }
        var waiting = waiters.get(id);
        if (waiting != null) {
            waiting.forEach(future -> future.complete(view));
        }
    }

    private void forget(String id, CompletableFuture<Submission.View> future) {
        waiters.computeIfPresent(id, (key, futures) -> {
            futures.remove(future);
            return futures.isEmpty() ? null : futures;
        });
    }

    private Submission.View view(String id, Map<String, String> fields) {
        String callbackUrl = fields.get("callback_url");
        String callback = fields.get("callback");
        return new Submission.View(id, SubmissionState.valueOf(fields.get("state")), instant(fields.get("created_at")),
                instant(fields.get("started_at")), instant(fields.get("finished_at")),
                fields.containsKey("result") ? json.readTree(fields.get("result")) : null, fields.get("error"),
                fields.containsKey("metadata") ? json.readTree(fields.get("metadata")) : null,
                callback != null ? json.readValue(callback, Submission.Callback.class)
                        : callbackUrl != null ? new Submission.Callback(Submission.Callback.PENDING, 0, null) : null);
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    @Override
    public void start() {
        events.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String id) {
                if (SETTLED.equals(channel)) {
                    background.execute(() -> settle(id, true));
                } else if (CANCELLED.equals(channel)) {
                    workers.cancel(id);
                }
            }
        });
        events.sync().subscribe(SETTLED, CANCELLED);
        workers.start();
        running = true;
    }

    /** Stops taking and running work; the connections stay for the requests still being answered. */
    @Override
    public void stop() {
        running = false;
        workers.stop();
    }

    @Override
    public void destroy() {
        events.close();
        connection.close();
        client.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
