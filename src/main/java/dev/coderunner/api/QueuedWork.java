package dev.coderunner.api;

import java.time.Duration;

/** Work accepted now and run later (asynchronous submissions), as {@code /health} reports it. */
public interface QueuedWork {

    int depth();

    int capacity();

    Duration oldestAge();
}
