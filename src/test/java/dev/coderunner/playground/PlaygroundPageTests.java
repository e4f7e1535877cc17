package dev.coderunner.playground;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * What the page's Content-Security-Policy and its offline promise rest on, checked in the files
 * themselves: no inline script or style for the policy to refuse, nothing loaded from elsewhere,
 * and the vendored CodeMirror complete, at the version the README names.
 */
class PlaygroundPageTests {

    private static final Path ASSETS = Path.of("src/main/resources/playground");
    private static final Path PAGE = ASSETS.resolve("index.html");
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]*)\"");

    @Test
    void thePageHasNoInlineScriptOrStyle() throws IOException {
        String page = Files.readString(PAGE);

        assertThat(page).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContainPattern("<style")
                .doesNotContainPattern("\\son[a-z]+\\s*=").doesNotContainPattern("\\sstyle\\s*=")
                .doesNotContain("javascript:");
    }

    @Test
    void everythingThePageLoadsIsOneOfItsOwnFiles() throws IOException {
        var references = REFERENCE.matcher(Files.readString(PAGE)).results().map(match -> match.group(1)).toList();

        assertThat(references).isNotEmpty().allSatisfy(reference -> {
            assertThat(reference).as("relative to /playground, so a path prefix added by a proxy still works")
                    .startsWith("playground/");
            assertThat(ASSETS.resolve(reference.substring("playground/".length()))).as(reference).isRegularFile();
        });
    }

    @Test
    void programOutputIsNeverParsedAsHtml() throws IOException {
        for (String script : List.of("playground.js", "display.js", "samples.js")) {
            assertThat(Files.readString(ASSETS.resolve(script))).as(script)
                    .doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write").doesNotContain("eval(");
        }
    }

    @Test
    void theVendoredCodeMirrorIsCompleteAtTheVersionTheReadmeNames() throws IOException {
        String script = Files.readString(Path.of("scripts/vendor-codemirror.sh"));
        String version = Pattern.compile("(?m)^VERSION=(\\S+)$").matcher(script).results().findFirst().orElseThrow().group(1);
        String files = script.substring(script.indexOf("files=("), script.indexOf(")", script.indexOf("files=(")));
        var listed = Pattern.compile("(?:LICENSE|\\S+\\.(?:js|css))").matcher(files.replaceAll("#.*", "")).results()
                .map(match -> match.group()).toList();

        Path codemirror = ASSETS.resolve("codemirror");
        assertThat(Files.readString(codemirror.resolve("VERSION")).strip()).isEqualTo(version);
        assertThat(listed).contains("LICENSE", "lib/codemirror.js", "lib/codemirror.css")
                .allSatisfy(file -> assertThat(codemirror.resolve(file)).isRegularFile());
        assertThat(Files.readString(codemirror.resolve("LICENSE"))).startsWith("MIT License");
        assertThat(Files.readString(Path.of("README.md"))).contains("CodeMirror " + version);
    }
}
