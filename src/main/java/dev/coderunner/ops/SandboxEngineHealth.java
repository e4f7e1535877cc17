package dev.coderunner.ops;

import java.time.Duration;
import java.util.LinkedHashMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import dev.coderunner.language.Language;
import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.sandbox.RecentAnswer;
import dev.coderunner.sandbox.SandboxFactory;

/**
 * Whether a run could be executed now: the engine answers and every language's runtime is there.
 * Part of readiness ({@code /readyz}), never of liveness: the JVM is alive whatever Docker does.
 * The answer is reused for a moment, so a storm of probes does not become a storm of engine calls.
 */
@Component("sandboxEngine")
class SandboxEngineHealth implements HealthIndicator {

    private final RecentAnswer<Health> answer;

    SandboxEngineHealth(LanguageRegistry languages, SandboxFactory sandboxes) {
        this.answer = new RecentAnswer<>(Duration.ofSeconds(2), () -> check(languages, sandboxes));
    }

    @Override
    public Health health() {
        return answer.get();
    }

    private static Health check(LanguageRegistry languages, SandboxFactory sandboxes) {
        var byImage = new LinkedHashMap<String, SandboxFactory.Readiness>();
        var details = new LinkedHashMap<String, String>();
        String reason = null;
        for (Language language : languages.all()) {
            var readiness = byImage.computeIfAbsent(language.image(), sandboxes::readiness);
            details.put(language.id(), readiness.ready() ? "ready" : readiness.reason());
            if (!readiness.ready() && reason == null) {
                reason = language.id() + ": " + readiness.reason();
            }
        }
        var health = reason == null ? Health.up() : Health.down().withDetail("reason", reason);
        return health.withDetail("engine", sandboxes.engine()).withDetail("languages", details).build();
    }
}
