package dev.coderunner.compat.piston;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.semver4j.Semver;
import org.springframework.stereotype.Component;

import dev.coderunner.language.Language;
import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.language.LanguageVersions;

/**
 * Our languages as Piston lists them, and the one a Piston request's {@code language} and
 * {@code version} select: Piston's name or aliases (then ours), and an npm-style version
 * selector matched against the version the runtime reports.
 */
@Component
class PistonRuntimes {

    /** One entry of {@code GET /api/v2/runtimes}. */
    record PistonRuntime(String language, String version, List<String> aliases) {
    }

    /** A selected runtime: our language and the name and version Piston reports for it. */
    record Selected(Language language, String name, String version) {
    }

    private final LanguageRegistry languages;
    private final LanguageVersions versions;
    private final PistonProperties properties;

    PistonRuntimes(LanguageRegistry languages, LanguageVersions versions, PistonProperties properties) {
        this.languages = languages;
        this.versions = versions;
        this.properties = properties;
        for (String id : properties.runtimes().keySet()) {
            if (languages.find(id).isEmpty()) {
                throw new IllegalStateException("compat/piston.yml names the language '" + id
                        + "', which is not in the language registry");
            }
        }
    }

    List<PistonRuntime> all() {
        var all = new ArrayList<PistonRuntime>();
        for (Language language : languages.all()) {
            var names = names(language);
            all.add(new PistonRuntime(names.language(), versions.of(language).value(), names.aliases()));
        }
        return all;
    }

    /** The runtime a request names, or empty when none has that name and a version the selector accepts. */
    Optional<Selected> select(String language, String selector) {
        return find(language).filter(found -> accepts(selector, versions.of(found).value()))
                .map(found -> new Selected(found, names(found).language(), versions.of(found).value()));
    }

    private Optional<Language> find(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Language language : languages.all()) {
            var names = names(language);
            if (names.language().equalsIgnoreCase(wanted) || names.aliases().stream().anyMatch(wanted::equalsIgnoreCase)) {
                return Optional.of(language);
            }
        }
        return languages.find(name);
    }

    private PistonProperties.Runtime names(Language language) {
        var named = properties.runtimes().get(language.id());
        return named != null ? named : new PistonProperties.Runtime(language.id(), language.aliases());
    }

    /** {@code *} or no selector takes any version; else the selector as npm's semver reads it, or the exact text. */
    static boolean accepts(String selector, String version) {
        if (selector == null || selector.isBlank() || selector.strip().equals("*") || selector.strip().equals(version)) {
            return true;
        }
        Semver reported = Semver.coerce(version);
        try {
            return reported != null && reported.satisfies(selector.strip());
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}
