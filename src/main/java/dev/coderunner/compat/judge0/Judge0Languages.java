package dev.coderunner.compat.judge0;

import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.coderunner.execution.ExecutionStatus;
import dev.coderunner.language.Language;
import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.language.LanguageVersions;

/**
 * Judge0's language ids over our registry, checked once at start-up: an id that names a runtime
 * we do not have, or an outcome of ours with no Judge0 status, stops the service rather than
 * failing the first client that uses it.
 */
@Component
class Judge0Languages {

    /** One id as a client sees it, resolved to our language. */
    record Resolved(Judge0Table.LanguageId id, Language language) {
    }

    private final Judge0Table table;
    private final LanguageRegistry registry;
    private final LanguageVersions versions;

    @Autowired
    Judge0Languages(LanguageRegistry registry, LanguageVersions versions) {
        this(Judge0Table.load(), registry, versions);
    }

    Judge0Languages(Judge0Table table, LanguageRegistry registry, LanguageVersions versions) {
        this.table = table;
        this.registry = registry;
        this.versions = versions;
        for (var id : table.languages()) {
            if (registry.find(id.runtime()).isEmpty()) {
                throw new IllegalStateException("Judge0 adapter: language id " + id.id() + " maps to runtime '"
                        + id.runtime() + "', which the language registry does not have (known: " + registry.ids()
                        + "); fix " + Judge0Table.RESOURCE + " or the registry");
            }
        }
        for (var status : ExecutionStatus.values()) {
            table.statusOf(status.name(), null);
        }
    }

    Judge0Table table() {
        return table;
    }

    Optional<Resolved> find(int id) {
        return table.language(id).map(entry -> new Resolved(entry, registry.find(entry.runtime()).orElseThrow()));
    }

    List<Resolved> active() {
        return table.languages().stream().filter(id -> !id.archived())
                .map(id -> new Resolved(id, registry.find(id.runtime()).orElseThrow())).toList();
    }

    /** The id's name with our runtime's real version, e.g. "Python (3.11.2)". */
    String name(Resolved resolved) {
        return resolved.id().name().replace("{version}", versions.of(resolved.language()).value());
    }
}
