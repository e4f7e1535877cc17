package dev.coderunner.language;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/** Finds languages by id or alias, case-insensitively. */
@Component
public class LanguageRegistry {

    private final Map<String, Language> byId = new TreeMap<>();
    private final Map<String, Language> byName = new HashMap<>();

    public LanguageRegistry(LanguageProperties properties) {
        properties.languages().forEach((id, definition) -> {
            var language = new Language(id.toLowerCase(Locale.ROOT), definition);
            byId.put(language.id(), language);
            register(language.id(), language);
            definition.aliases().forEach(alias -> register(alias, language));
        });
    }

    private void register(String name, Language language) {
        Language previous = byName.putIfAbsent(name.toLowerCase(Locale.ROOT), language);
        if (previous != null && previous != language) {
            throw new IllegalStateException("Language registry: the name '" + name + "' is used by both '"
                    + previous.id() + "' and '" + language.id() + "'");
        }
    }

    public Optional<Language> find(String idOrAlias) {
        return Optional.ofNullable(byName.get(idOrAlias.strip().toLowerCase(Locale.ROOT)));
    }

    public Collection<Language> all() {
        return List.copyOf(byId.values());
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
