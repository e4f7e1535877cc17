package dev.coderunner.execution;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.coderunner.language.Language;
import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.sandbox.pool.WarmPools;

/**
 * Once the service is up, asks for warm sandboxes shaped like the most common request of each
 * pooled language: the submitted code as its entry file, no arguments, the default limits.
 * Requests that differ (extra arguments, lowered limits, another entry file) run cold.
 */
@Component
class WarmPoolPlanner {

    private final LanguageRegistry languages;
    private final ExecutionProperties properties;
    private final WarmPools pools;

    WarmPoolPlanner(LanguageRegistry languages, ExecutionProperties properties, WarmPools pools) {
        this.languages = languages;
        this.properties = properties;
        this.pools = pools;
    }

    @EventListener(ApplicationReadyEvent.class)
    void fillPools() {
        for (Language language : languages.all()) {
            if (pools.properties().covers(language.id())) {
                pools.keepWarm(language.id(), defaultPlan(language).spec(), pools.properties().size());
            }
        }
    }

    private RunPlan defaultPlan(Language language) {
        var request = new ExecutionRequest(language.id(), "", null, null, null, null, null, null, null);
        return RunPlan.of(language, RunLimits.resolve(properties, language, request), language.sourceFile(),
                request.args(), properties.workspaceSize());
    }
}
