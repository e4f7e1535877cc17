package dev.coderunner.execution;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

import dev.coderunner.sandbox.SandboxSpec;

/**
 * The limits one request runs under: the configured ceilings, lowered where the request asked.
 */
record RunLimits(Duration timeout, Duration compileTimeout, DataSize memory, double cpus, int pids,
                 DataSize outputCap, DataSize fileSize, int openFiles, DataSize workspace) {

    private static final Duration SHORTEST_TIMEOUT = Duration.ofMillis(1);

    static RunLimits resolve(ExecutionProperties ceilings, ExecutionRequest request) {
        return new RunLimits(timeout(ceilings, request.timeout()), ceilings.compileTimeout(), ceilings.memory(),
                ceilings.cpus(), ceilings.pids(), ceilings.outputLimit(), ceilings.fileSize(), ceilings.openFiles(),
                ceilings.workspaceSize());
    }

    private static Duration timeout(ExecutionProperties ceilings, Duration requested) {
        if (requested == null) {
            return ceilings.defaultTimeout();
        }
        if (requested.compareTo(SHORTEST_TIMEOUT) < 0 || requested.compareTo(ceilings.maxTimeout()) > 0) {
            throw new InvalidExecutionRequestException("timeout", "timeout must be between 0.001 and "
                    + seconds(ceilings.maxTimeout()) + " seconds");
        }
        return requested;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? String.valueOf(duration.toSeconds())
                : String.valueOf(duration.toMillis() / 1000.0);
    }

    SandboxSpec sandboxSpec(String image) {
        return new SandboxSpec(image, memory, cpus, pids, workspace, fileSize, openFiles);
    }
}
