package dev.coderunner.language;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * The versions the runtimes themselves report, so {@code GET /languages} cannot drift from the
 * images. Until a runtime has answered, the registry's declared version stands, marked unverified.
 */
@Component
public class LanguageVersions {

    private static final Pattern DOTTED = Pattern.compile("\\d+(\\.\\d+)+");

    public record Version(String value, boolean detected) {
    }

    private final Map<String, String> detected = new ConcurrentHashMap<>();

    public Version of(Language language) {
        String found = detected.get(language.id());
        return found != null ? new Version(found, true) : new Version(language.definition().version(), false);
    }

    /** Records what a runtime printed for its version command; ignores output with no version in it. */
    public void record(Language language, String printed) {
        var matcher = DOTTED.matcher(printed);
        if (matcher.find()) {
            detected.put(language.id(), matcher.group());
        }
    }
}
