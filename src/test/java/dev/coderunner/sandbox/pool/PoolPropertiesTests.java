package dev.coderunner.sandbox.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class PoolPropertiesTests {

    @Test
    void unsetRefillsTakeHalfTheCoresAndAtLeastOne() {
        int cores = Runtime.getRuntime().availableProcessors();

        assertThat(new PoolProperties(2, List.of(), null, Duration.ofMinutes(10)).refillThreads())
                .isEqualTo(Math.max(1, cores / 2));
    }

    @Test
    void aRefillConcurrencySetIsUsedAsIs() {
        assertThat(new PoolProperties(2, List.of(), 3, Duration.ofMinutes(10)).refillThreads()).isEqualTo(3);
    }
}
