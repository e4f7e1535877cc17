package dev.coderunner.sandbox;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * Resource limits one command runs under.
 *
 * @param memory    memory ceiling, swap included (no swap beyond it)
 * @param cpus      CPU quota in cores
 * @param pids      maximum number of processes and threads
 * @param cpuTime   CPU time per process (RLIMIT_CPU), whole seconds
 * @param fileSize  largest file a program may write
 * @param openFiles maximum open file descriptors
 */
public record ProcessLimits(DataSize memory, double cpus, int pids, Duration cpuTime, DataSize fileSize,
                            int openFiles) {

    /** CPU time in whole seconds, rounded up: the kernel's limit has one-second granularity. */
    public long cpuSeconds() {
        return Math.max(1, (cpuTime.toMillis() + 999) / 1000);
    }
}
