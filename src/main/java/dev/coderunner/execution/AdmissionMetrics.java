package dev.coderunner.execution;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/** Run slots and queue as metrics, next to the warm pools' own. */
@Component
class AdmissionMetrics implements MeterBinder {

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
        FunctionCounter.builder("coderunner.runs.refused", admission, Admission::refused)
                .description("Requests refused with 429 because every slot and queue place was taken").register(registry);
        Gauge.builder("coderunner.runs.slots", admission, Admission::maxRunning)
                .description("Runs allowed at once").register(registry);
        Gauge.builder("coderunner.runs.queue.capacity", admission, Admission::queueCapacity)
                .description("Requests allowed to wait for a slot").register(registry);
    }
}
