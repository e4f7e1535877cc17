package dev.coderunner.language;

import java.util.List;
import java.util.Map;

/** A language the service runs, identified by its registry id. */
public record Language(String id, LanguageDefinition definition) {

    public String name() {
        return definition.name();
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

    public LanguageDefinition.Limits limits() {
        return definition.limits();
    }

    public List<String> compileCommand(String entryFile) {
        return expand(definition.compile(), entryFile);
    }

    public List<String> runCommand(String entryFile) {
        return expand(definition.run(), entryFile);
    }

    /** Variables a program followed live runs with, so that its output is not held back in buffers. */
    public Map<String, String> liveEnvironment() {
        return definition.liveEnvironment();
    }

    /** The warm-start form of the compile command, or empty when the language has none. */
    public List<String> warmCompileCommand(String entryFile) {
        return expand(definition.warmCompile(), entryFile);
    }

    /** The warm-start form of the run command, or empty when the language has none. */
    public List<String> warmRunCommand(String entryFile) {
        String preload = String.join(",", definition.warmPreload());
        return expand(definition.warmRun(), entryFile).stream().map(arg -> arg.replace("{preload}", preload)).toList();
    }

    /** Fills {@code {file}} and {@code {name}}; entry names are validated, so they are shell-safe. */
    private static List<String> expand(List<String> command, String entryFile) {
        String base = entryFile.substring(entryFile.lastIndexOf('/') + 1);
        String name = base.contains(".") ? base.substring(0, base.lastIndexOf('.')) : base;
        return command.stream().map(arg -> arg.replace("{file}", entryFile).replace("{name}", name)).toList();
    }
}
