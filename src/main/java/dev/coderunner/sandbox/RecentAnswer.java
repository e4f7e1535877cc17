package dev.coderunner.sandbox;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An answer worth reusing for a moment: the engine's own health, asked by every health check and
 * probe. Concurrent askers wait for one question rather than each asking the engine.
 */
public final class RecentAnswer<T> {

    private record Answer<T>(T value, long at) {
    }

    private final long maxAgeNanos;
    private final Supplier<T> question;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Answer<T> last;

    public RecentAnswer(Duration maxAge, Supplier<T> question) {
        this.maxAgeNanos = maxAge.toNanos();
        this.question = question;
    }

    public T get() {
        Answer<T> answer = last;
        if (answer != null && System.nanoTime() - answer.at() < maxAgeNanos) {
            return answer.value();
        }
        lock.lock();
        try {
            answer = last;
            if (answer == null || System.nanoTime() - answer.at() >= maxAgeNanos) {
                answer = new Answer<>(question.get(), System.nanoTime());
                last = answer;
            }
            return answer.value();
        } finally {
            lock.unlock();
        }
    }
}
