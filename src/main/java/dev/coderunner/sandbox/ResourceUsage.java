package dev.coderunner.sandbox;

import java.time.Duration;

/**
 * What a command consumed, read from its cgroup.
 *
 * @param cpuTime    user + system CPU time of every process in the sandbox
 * @param peakMemory highest memory use in bytes, or null where the kernel does not record it
 */
public record ResourceUsage(Duration cpuTime, Long peakMemory) {
}
