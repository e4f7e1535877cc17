package dev.coderunner.compat.judge0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.coderunner.language.LanguageDefinition;
import dev.coderunner.language.LanguageProperties;
import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.language.LanguageVersions;

class Judge0LanguagesTests {

    static final List<String> RUNTIMES = List.of("bash", "c", "cpp", "go", "java", "javascript", "python",
            "ruby", "rust", "typescript");

    /** A registry of these ids with plain definitions, as the tests of this package need one. */
    static LanguageRegistry registry(List<String> ids) {
        var languages = new LinkedHashMap<String, LanguageDefinition>();
        for (String id : ids) {
            languages.put(id, new LanguageDefinition(id, "1.0", List.of(), List.of(), "image/" + id, "main." + id,
                    List.of(), List.of(), List.of("run", "{file}"), List.of(), List.of(), new LanguageDefinition.Limits(null, null, null), java.util.Map.of()));
        }
        return new LanguageRegistry(new LanguageProperties(Map.copyOf(languages)));
    }

    @Test
    void startUpFailsWhenAnIdMapsToARuntimeTheRegistryLacks() {
        var withoutBash = RUNTIMES.stream().filter(id -> !id.equals("bash")).toList();

        assertThatThrownBy(() -> new Judge0Languages(Judge0Table.load(), registry(withoutBash), new LanguageVersions()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("language id 46 maps to runtime 'bash'")
                .hasMessageContaining(Judge0Table.RESOURCE);
    }

    @Test
    void namesCarryTheVersionOurRuntimeReports() {
        var registry = registry(RUNTIMES);
        var versions = new LanguageVersions();
        versions.record(registry.find("python").orElseThrow(), "Python 3.11.2");
        var languages = new Judge0Languages(Judge0Table.load(), registry, versions);

        assertThat(languages.name(languages.find(71).orElseThrow())).isEqualTo("Python (3.11.2)");
        assertThat(languages.name(languages.find(50).orElseThrow())).isEqualTo("C (GCC 1.0)");
        assertThat(languages.find(70)).as("no Python 2 here").isEmpty();
        assertThat(languages.active()).extracting(found -> found.id().id()).doesNotContain(4, 10);
    }
}
