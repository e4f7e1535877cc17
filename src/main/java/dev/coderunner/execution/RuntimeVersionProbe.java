package dev.coderunner.execution;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import dev.coderunner.language.Language;
import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.language.LanguageVersions;
import dev.coderunner.sandbox.ProcessLimits;
import dev.coderunner.sandbox.CommandPlan;
import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxCommand;
import dev.coderunner.sandbox.SandboxFactory;
import dev.coderunner.sandbox.SandboxSpec;

/**
 * At start-up, asks every runtime for its version inside a normal sandbox, so the versions the API
 * shows are the ones programs actually get. A runtime that cannot answer (engine down, image
 * missing) keeps its declared version, shown as unverified.
 */
@Component
class RuntimeVersionProbe implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RuntimeVersionProbe.class);
    private static final ProcessLimits PROBE_LIMITS = new ProcessLimits(DataSize.ofMegabytes(256), 1, 64,
            Duration.ofSeconds(10), DataSize.ofMegabytes(1), 64);

    private final LanguageRegistry languages;
    private final LanguageVersions versions;
    private final SandboxFactory sandboxes;

    RuntimeVersionProbe(LanguageRegistry languages, LanguageVersions versions, SandboxFactory sandboxes) {
        this.languages = languages;
        this.versions = versions;
        this.sandboxes = sandboxes;
    }

    @Override
    public void run(ApplicationArguments args) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Language language : languages.all()) {
                if (!language.definition().versionCommand().isEmpty()) {
                    executor.submit(() -> probe(language));
                }
            }
        }
    }

    private void probe(Language language) {
        var command = new CommandPlan(language.definition().versionCommand(), PROBE_LIMITS);
        try (Sandbox sandbox = sandboxes.open(new SandboxSpec(language.image(), DataSize.ofMegabytes(8), List.of(command)))) {
            var outcome = sandbox.run(new SandboxCommand(command, List.of(), new byte[0], Duration.ofSeconds(20),
                    DataSize.ofKilobytes(16)));
            versions.record(language, outcome.output().combinedText());
        } catch (RuntimeException e) {
            log.warn("Could not read the version of {} from {}: {}", language.id(), language.image(), e.getMessage());
        }
    }
}
