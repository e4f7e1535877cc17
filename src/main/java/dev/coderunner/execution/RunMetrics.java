package dev.coderunner.execution;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import dev.coderunner.sandbox.SandboxFactory;

/**
 * Runs as metrics: {@code coderunner.runs} (how long each took, by language, status, engine and
 * warm start) and {@code coderunner.runs.stage} (compile and run stages apart).
 */
@Component
public class RunMetrics {

    private final MeterRegistry meters;
    private final String engine;

    public RunMetrics(MeterRegistry meters, SandboxFactory sandboxes) {
        this.meters = meters;
        this.engine = sandboxes.engine();
    }

    void record(ExecutionResult result, long nanos) {
        Timer.builder("coderunner.runs").description("Runs answered, from admission to answer")
                .tags("language", result.language().id(), "status", result.status().name(), "engine", engine,
                        "warm", String.valueOf(result.run().warm()))
                .register(meters).record(java.time.Duration.ofNanos(nanos));
        if (result.compile() != null) {
            stage("compile", result, result.compile());
        }
        if (result.compile() == null || result.compile().succeeded()) {
            stage("run", result, result.run());
        }
    }

    private void stage(String stage, ExecutionResult result, StageResult outcome) {
        Timer.builder("coderunner.runs.stage").description("Time a compile or run stage took inside its sandbox")
                .tags("stage", stage, "language", result.language().id(), "engine", engine)
                .register(meters).record(outcome.executionTime());
    }
}
