package dev.coderunner.execution;

import java.util.LinkedHashMap;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import dev.coderunner.language.Language;
import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.sandbox.SandboxFactory;
import dev.coderunner.sandbox.SandboxSpec;

/**
 * At start-up, tells the sandbox factory what the most common request of each language needs: the
 * submitted code as its entry file, no arguments, the default limits. A pooling factory keeps
 * sandboxes of those warm; requests that differ (extra arguments, lowered limits, another entry
 * file) run cold. A pool setting naming an unknown language stops the start-up here.
 */
@Component
class WarmPoolPlanner implements SmartInitializingSingleton {

    private final LanguageRegistry languages;
    private final ExecutionProperties properties;
    private final SandboxFactory sandboxes;

    WarmPoolPlanner(LanguageRegistry languages, ExecutionProperties properties, SandboxFactory sandboxes) {
        this.languages = languages;
        this.properties = properties;
        this.sandboxes = sandboxes;
    }

    @Override
    public void afterSingletonsInstantiated() {
        var usual = new LinkedHashMap<String, SandboxSpec>();
        for (Language language : languages.all()) {
            usual.put(language.id(), usualPlan(language, properties).spec());
        }
        sandboxes.keepWarm(usual);
    }

    /** The plan of a request that gives only code: what {@link ExecutionService} derives for it. */
    static RunPlan usualPlan(Language language, ExecutionProperties properties) {
        var request = new ExecutionRequest(language.id(), "", null, null, null, null, null, null, null);
        return RunPlan.of(language, RunLimits.resolve(properties, language, request), language.sourceFile(),
                request.args(), properties.workspaceSize());
    }
}
