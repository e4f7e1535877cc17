package dev.coderunner.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.coderunner.auth.ApiKey;
import dev.coderunner.execution.Admission;
import dev.coderunner.language.Language;
import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.sandbox.InstanceRun;
import dev.coderunner.sandbox.PoolState;
import dev.coderunner.sandbox.SandboxFactory;

/**
 * Answers 200 only when a run can actually execute: engine reachable and every runtime present.
 * Anyone gets the status and the engine; a caller with a valid key also gets the reasons, the run
 * slots, queue and memory, and the warm pools.
 */
@RestController
class HealthController {

    /** @param run this instance run's id, which everything it creates on the engine carries */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Health(String status, String engine, String run, String reason, Map<String, String> languages, Integer running,
                  Integer queued, Integer maxRunning, Integer queueCapacity, Long memoryInUse, Long memoryBudget,
                  List<PoolState> pools, Submissions submissions) {
    }

    /** Asynchronous submissions waiting to run, and how long the oldest has waited. */
    record Submissions(int queued, int capacity, double oldestQueuedSeconds) {
    }

    private final LanguageRegistry languages;
    private final SandboxFactory sandboxes;
    private final Admission admission;
    private final InstanceRun run;
    private final ObjectProvider<QueuedWork> queuedWork;

    HealthController(LanguageRegistry languages, SandboxFactory sandboxes, Admission admission, InstanceRun run,
                     ObjectProvider<QueuedWork> queuedWork) {
        this.queuedWork = queuedWork;
        this.languages = languages;
        this.sandboxes = sandboxes;
        this.admission = admission;
        this.run = run;
    }

    @GetMapping("/health")
    ResponseEntity<Health> health(HttpServletRequest request) {
        var perLanguage = new LinkedHashMap<String, String>();
        var readinessByImage = new LinkedHashMap<String, SandboxFactory.Readiness>();
        String reason = null;
        for (Language language : languages.all()) {
            var readiness = readinessByImage.computeIfAbsent(language.image(), sandboxes::readiness);
            perLanguage.put(language.id(), readiness.ready() ? "ready" : readiness.reason());
            if (!readiness.ready() && reason == null) {
                reason = language.id() + ": " + readiness.reason();
            }
        }
        boolean up = reason == null && !admission.draining();
        String status = admission.draining() ? "DRAINING" : up ? "UP" : "DOWN";
        var body = request.getAttribute(ApiKey.ATTRIBUTE) == null
                ? new Health(status, sandboxes.engine(), null, null, null, null, null, null, null, null, null, null, null)
                : new Health(status, sandboxes.engine(), run.id(), admission.draining() ? "shutting down" : reason,
                        perLanguage, admission.running(), admission.waiting(), admission.maxRunning(),
                        admission.queueCapacity(), admission.memoryInUse(), admission.memoryBudget(), sandboxes.pools(),
                        submissions());
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    private Submissions submissions() {
        QueuedWork work = queuedWork.getIfAvailable();
        return work == null ? null
                : new Submissions(work.depth(), work.capacity(), work.oldestAge().toMillis() / 1000.0);
    }
}
