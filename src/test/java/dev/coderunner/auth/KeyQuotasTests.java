package dev.coderunner.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyQuotasTests {

    private final KeyQuotas quotas = new KeyQuotas();

    @Test
    void aKeyWithoutQuotasIsNeverHeldBack() {
        var free = new ApiKey("free", null, null);
        assertThat(quotas.take(free)).isNull();
        for (int i = 0; i < 100; i++) {
            assertThat(quotas.startRun(free)).isNotNull();
        }
    }

    @Test
    void theBucketEmptiesAtItsRateAndSaysWhenToComeBack() {
        var key = new ApiKey("tutor", 2, null);

        assertThat(quotas.take(key)).extracting(KeyQuotas.Rate::allowed, KeyQuotas.Rate::remaining).containsExactly(true, 1L);
        assertThat(quotas.take(key)).extracting(KeyQuotas.Rate::allowed, KeyQuotas.Rate::remaining).containsExactly(true, 0L);
        var refused = quotas.take(key);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).as("one token every 30 s").isBetween(1L, 30L);
        assertThat(quotas.take(new ApiKey("other", 2, null)).allowed()).as("buckets are per key").isTrue();
    }

    @Test
    void concurrentRunsAreCountedUntilReleasedOnce() {
        var key = new ApiKey("batch", null, 2);
        Runnable first = quotas.startRun(key);
        Runnable second = quotas.startRun(key);

        assertThat(quotas.startRun(key)).isNull();
        first.run();
        first.run();
        assertThat(quotas.startRun(key)).isNotNull();
        assertThat(quotas.startRun(key)).as("the double release freed only one").isNull();
        second.run();
    }
}
