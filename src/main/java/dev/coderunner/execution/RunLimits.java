package dev.coderunner.execution;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

import dev.coderunner.language.Language;
import dev.coderunner.sandbox.ProcessLimits;

/**
 * The limits one request runs under: the configured ceilings (global, or the language's own),
 * lowered where the request asked. A request asking for more than a ceiling is refused, naming
 * the allowed range; it is never silently clamped.
 */
record RunLimits(Duration timeout, Duration compileTimeout, DataSize outputCap, ProcessLimits run,
                 ProcessLimits compile) {

    private static final Duration SHORTEST = Duration.ofMillis(1);
    private static final DataSize LEAST_MEMORY = DataSize.ofMegabytes(16);

    static RunLimits resolve(ExecutionProperties ceilings, Language language, ExecutionRequest request) {
        DataSize memoryCeiling = ceilings.memoryFor(language);
        DataSize compileMemory = ceilings.compileMemoryFor(language);
        int pids = ceilings.pidsFor(language);

        Duration timeout = lowered("timeout", request.timeout(), ceilings.defaultTimeout(), ceilings.maxTimeout());
        Duration compileTimeout = lowered("compile_timeout", request.compileTimeout(), ceilings.compileTimeout(),
                ceilings.compileTimeout());
        Duration cpuTime = lowered("cpu_time", request.cpuTime(), ceilings.cpuTime(), ceilings.cpuTime());
        DataSize memory = memory(request.memory(), memoryCeiling);

        var run = new ProcessLimits(memory, ceilings.cpus(), pids, cpuTime, ceilings.fileSize(), ceilings.openFiles());
        var compile = new ProcessLimits(compileMemory, ceilings.cpus(), Math.max(pids, 128), compileTimeout,
                ceilings.fileSize(), ceilings.openFiles());
        return new RunLimits(timeout, compileTimeout, ceilings.outputLimit(), run, compile);
    }

    private static Duration lowered(String field, Duration requested, Duration fallback, Duration ceiling) {
        if (requested == null) {
            return fallback;
        }
        if (requested.compareTo(SHORTEST) < 0 || requested.compareTo(ceiling) > 0) {
            throw new InvalidExecutionRequestException(field, field + " must be between 0.001 and "
                    + seconds(ceiling) + " seconds");
        }
        return requested;
    }

    private static DataSize memory(DataSize requested, DataSize ceiling) {
        if (requested == null) {
            return ceiling;
        }
        if (requested.compareTo(LEAST_MEMORY) < 0 || requested.compareTo(ceiling) > 0) {
            throw new InvalidExecutionRequestException("memory_limit_mb", "memory_limit_mb must be between "
                    + LEAST_MEMORY.toMegabytes() + " and " + ceiling.toMegabytes() + " for this language");
        }
        return requested;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? String.valueOf(duration.toSeconds())
                : String.valueOf(duration.toMillis() / 1000.0);
    }
}
