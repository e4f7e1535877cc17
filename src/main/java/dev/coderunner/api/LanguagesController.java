package dev.coderunner.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.sandbox.SandboxFactory;

@RestController
class LanguagesController {

    record LanguageView(String id, String name, String version, List<String> aliases, boolean compiled) {
    }

    record LanguagesView(String engine, List<LanguageView> languages) {
    }

    private final LanguageRegistry languages;
    private final SandboxFactory sandboxes;

    LanguagesController(LanguageRegistry languages, SandboxFactory sandboxes) {
        this.languages = languages;
        this.sandboxes = sandboxes;
    }

    @GetMapping("/languages")
    LanguagesView languages() {
        return new LanguagesView(sandboxes.engine(), languages.all().stream()
                .map(l -> new LanguageView(l.id(), l.name(), l.version(), l.aliases(), l.compiled()))
                .toList());
    }
}
