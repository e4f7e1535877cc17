package dev.coderunner.language;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One entry of the language registry file, as written there.
 *
 * @param name       display name
 * @param version    version of the runtime in the image
 * @param aliases    other names clients may use, matched case-insensitively
 * @param image      runtime image the program runs in
 * @param sourceFile file name the submitted code is saved as
 * @param compile    compile command, empty for interpreted languages
 * @param run        run command; request {@code args} are appended
 */
public record LanguageDefinition(
        @NotBlank String name,
        @NotBlank String version,
        @DefaultValue List<String> aliases,
        @NotBlank String image,
        @NotBlank String sourceFile,
        @DefaultValue List<String> compile,
        @NotEmpty List<String> run) {
}
