package dev.coderunner.execution;

import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/** Run slots, queue and refusals as metrics, next to the warm pools' own. */
@Component
class AdmissionMetrics implements MeterBinder {

    static final List<String> REFUSAL_REASONS = List.of("queue-full", "wait-too-long", "timed-out", "draining");

    private final Admission admission;

    AdmissionMetrics(Admission admission) {
        this.admission = admission;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("coderunner.runs.active", admission, Admission::running)
                .description("Runs executing now").register(registry);
        Gauge.builder("coderunner.runs.queued", admission, Admission::waiting)
                .description("Requests waiting for a run slot").register(registry);
        for (String reason : REFUSAL_REASONS) {
            FunctionCounter.builder("coderunner.runs.refused", admission, a -> a.refused(reason)).tag("reason", reason)
                    .description("Requests refused: every slot and queue place taken, a wait too long, or draining")
                    .register(registry);
        }
        Gauge.builder("coderunner.runs.slots", admission, Admission::maxRunning)
                .description("Runs allowed at once").register(registry);
        Gauge.builder("coderunner.runs.queue.capacity", admission, Admission::queueCapacity)
                .description("Requests allowed to wait for a slot").register(registry);
        Gauge.builder("coderunner.runs.memory.admitted", admission, Admission::memoryInUse).baseUnit("bytes")
                .description("Memory of every admitted run at its limit").register(registry);
    }
}
