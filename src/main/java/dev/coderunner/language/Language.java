package dev.coderunner.language;

import java.util.List;

/** A language the service runs, identified by its registry id. */
public record Language(String id, LanguageDefinition definition) {

    public String name() {
        return definition.name();
    }

    public String version() {
        return definition.version();
    }

    public List<String> aliases() {
        return definition.aliases();
    }

    public String image() {
        return definition.image();
    }

    public String sourceFile() {
        return definition.sourceFile();
    }

    public boolean compiled() {
        return !definition.compile().isEmpty();
    }
}
