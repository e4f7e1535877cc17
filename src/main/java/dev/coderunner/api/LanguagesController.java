package dev.coderunner.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.language.LanguageVersions;
import dev.coderunner.sandbox.SandboxFactory;

@RestController
class LanguagesController {

    /** {@code version_verified} is false until the runtime itself has reported its version. */
    record LanguageView(String id, String name, String version, boolean versionVerified, List<String> aliases,
                        boolean compiled) {
    }

    record LanguagesView(String engine, List<LanguageView> languages) {
    }

    private final LanguageRegistry languages;
    private final LanguageVersions versions;
    private final SandboxFactory sandboxes;

    LanguagesController(LanguageRegistry languages, LanguageVersions versions, SandboxFactory sandboxes) {
        this.languages = languages;
        this.versions = versions;
        this.sandboxes = sandboxes;
    }

    @GetMapping("/languages")
    LanguagesView languages() {
        return new LanguagesView(sandboxes.engine(), languages.all().stream()
                .map(language -> {
                    var version = versions.of(language);
                    return new LanguageView(language.id(), language.name(), version.value(), version.detected(),
                            language.aliases(), language.compiled());
                })
                .toList());
    }
}
