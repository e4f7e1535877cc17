package dev.coderunner.execution;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import dev.coderunner.language.Language;

/**
 * Limits every run is held to, and how many run at once. Requests may lower a limit, never raise
 * it. Invalid values stop the service at start-up rather than being clamped.
 */
@Validated
@ConfigurationProperties("code-runner.execution")
public record ExecutionProperties(
        @NotNull Duration defaultTimeout,
        @NotNull Duration maxTimeout,
        @NotNull Duration compileTimeout,
        @NotNull Duration cpuTime,
        @NotNull DataSize memory,
        @NotNull DataSize compileMemory,
        @DecimalMin("0.01") double cpus,
        @Min(8) int pids,
        @NotNull DataSize outputLimit,
        @NotNull DataSize fileSize,
        @Min(16) int openFiles,
        @NotNull DataSize workspaceSize,
        @Valid @NotNull Concurrency concurrency) {

    /**
     * @param maxRunning    runs executing at once; 0 means two per CPU core
     * @param queueCapacity requests allowed to wait for a slot, beyond it they get 429 at once;
     *                      unset means {@link #QUEUE_PER_SLOT} per slot
     * @param queueTimeout  longest a request waits for a slot before it gets 429
     * @param memory        memory every admitted run may use together, each counted at its own
     *                      limit; unset means {@link #MEMORY_SHARE} of the machine's
     */
    public record Concurrency(@Min(0) int maxRunning, @Min(0) Integer queueCapacity, @NotNull Duration queueTimeout,
                              DataSize memory) {

        /** A queue this many runs deep per slot bounds an admitted request's wait to a few run times. */
        static final int QUEUE_PER_SLOT = 4;
        /** Share of the machine's memory runs may take together at their limits. */
        static final double MEMORY_SHARE = 0.75;

        public int effectiveQueueCapacity(int slots) {
            return queueCapacity != null ? queueCapacity : QUEUE_PER_SLOT * slots;
        }

        /**
         * Two runs per core unless configured: a short run spends part of its time waiting on the
         * kernel (process start, cgroup and mount set-up). Memory is accounted separately.
         */
        int slots(int cores) {
            return maxRunning > 0 ? maxRunning : Math.max(1, 2 * cores);
        }

        DataSize memoryBudget(long machineMemory) {
            return memory != null ? memory : DataSize.ofBytes((long) (machineMemory * MEMORY_SHARE));
        }
    }

    /** The memory ceiling of a run of this language: its own, else the global one. */
    public DataSize memoryFor(Language language) {
        return language.limits().memory() != null ? language.limits().memory() : memory;
    }

    /** The memory ceiling of this language's compile step: its own, else the global one. */
    public DataSize compileMemoryFor(Language language) {
        return language.limits().compileMemory() != null ? language.limits().compileMemory() : compileMemory;
    }

    /** The processes and threads a run of this language may have: its own limit, else the global one. */
    public int pidsFor(Language language) {
        return language.limits().pids() != null ? language.limits().pids() : pids;
    }

    @AssertTrue(message = "default-timeout must be positive and not above max-timeout; compile-timeout and cpu-time must be at least 1s")
    boolean isTimeoutRangeValid() {
        return defaultTimeout != null && maxTimeout != null && defaultTimeout.isPositive()
                && defaultTimeout.compareTo(maxTimeout) <= 0 && compileTimeout != null
                && compileTimeout.toMillis() >= 1000 && cpuTime != null && cpuTime.toMillis() >= 1000;
    }

    @AssertTrue(message = "memory and compile-memory must be at least 16MB, output-limit and file-size at least 1KB, workspace-size at least 1MB")
    boolean isSizesValid() {
        return memory != null && memory.toMegabytes() >= 16 && compileMemory != null
                && compileMemory.toMegabytes() >= 16 && outputLimit != null && outputLimit.toBytes() >= 1024
                && fileSize != null && fileSize.toBytes() >= 1024 && workspaceSize != null && workspaceSize.toMegabytes() >= 1;
    }
}
