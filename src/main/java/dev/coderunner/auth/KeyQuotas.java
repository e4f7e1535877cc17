package dev.coderunner.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.stereotype.Component;

/**
 * Each named key's quotas: a token bucket of its requests per minute (Bucket4j), and a count of
 * its runs executing or queued. A key over its quota is refused at once, so one key's flood takes
 * no more than its share of the capacity every key shares.
 */
@Component
public class KeyQuotas {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    /** How a request fared against its key's rate: remaining tokens and seconds until the bucket is full again. */
    public record Rate(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

    /** Takes one token of the key's bucket; null when the key has no rate limit. */
    public Rate take(ApiKey key) {
        if (key.requestsPerMinute() == null) {
            return null;
        }
        int limit = key.requestsPerMinute();
        Bucket bucket = buckets.computeIfAbsent(key.name(), name -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, WINDOW).build()).build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        long nanosPerToken = WINDOW.toNanos() / limit;
        long reset = seconds((limit - probe.getRemainingTokens()) * nanosPerToken);
        return new Rate(probe.isConsumed(), limit, probe.getRemainingTokens(), reset,
                probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    /** A run of the key, if it may have one more executing or queued; release it once the run is answered. */
    public Runnable startRun(ApiKey key) {
        if (key.maxConcurrentRuns() == null) {
            return () -> { };
        }
        AtomicInteger count = running.computeIfAbsent(key.name(), name -> new AtomicInteger());
        if (count.incrementAndGet() > key.maxConcurrentRuns()) {
            count.decrementAndGet();
            return null;
        }
        var released = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                count.decrementAndGet();
            }
        };
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
