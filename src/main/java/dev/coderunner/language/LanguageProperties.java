package dev.coderunner.language;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The registry as configured: {@code languages.yml} on the class path, overridable entry by entry
 * (for example {@code CODE_RUNNER_LANGUAGES_PYTHON_IMAGE}) or whole by a file named in
 * {@code LANGUAGES_FILE}.
 */
@Validated
@ConfigurationProperties("code-runner")
public record LanguageProperties(@NotEmpty(message = "the language registry defines no language") Map<String, @Valid LanguageDefinition> languages) {
}
