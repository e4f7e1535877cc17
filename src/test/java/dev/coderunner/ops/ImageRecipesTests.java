package dev.coderunner.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The image recipes agree with the language registry on what the warm paths rely on. */
class ImageRecipesTests {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> language(String id) throws IOException {
        Map<String, Object> root = new Yaml().load(Files.readString(Path.of("src/main/resources/languages.yml")));
        return ((Map<String, Map<String, Object>>) ((Map<String, Object>) root.get("code-runner")).get("languages")).get(id);
    }

    private static String recipe(String image) throws IOException {
        return Files.readString(Path.of("images", image, "Dockerfile"));
    }

    /** g++ ignores a precompiled header built with other flags: the speed-up would vanish silently. */
    @Test
    void thePrecompiledHeadersAreBuiltWithTheFlagsTheCppCompileUses() throws IOException {
        var flags = Pattern.compile("ARG PCH_FLAGS=\"([^\"]+)\"").matcher(recipe("gcc"));
        assertThat(flags.find()).as("images/gcc/Dockerfile sets PCH_FLAGS").isTrue();
        @SuppressWarnings("unchecked")
        String compile = String.join(" ", (List<String>) language("cpp").get("compile"));
        assertThat(compile).contains("g++ " + flags.group(1) + " ");
        assertThat(compile.replace("g++ " + flags.group(1) + " ", "g++ "))
                .as("no other option that could invalidate the headers (-D, -f, -m, -O, -std)")
                .doesNotContainPattern(" -(D|f|m|O|std)");
    }

    /** The warm Node the registry starts preloads a file that only the node image holds. */
    @Test
    void theNodeWarmPreloadIsCopiedIntoTheImageTheRegistryNames() throws IOException {
        for (String id : List.of("javascript", "typescript")) {
            @SuppressWarnings("unchecked")
            List<String> warmRun = (List<String>) language(id).get("warm-run");
            String preload = warmRun.get(warmRun.indexOf("-r") + 1);
            assertThat(language(id).get("image")).isEqualTo("code-runner/node:18");
            assertThat(preload).isEqualTo("/usr/lib/code-runner/node-warm.js");
        }
        assertThat(recipe("node")).contains("COPY node-warm.js tsc-warm.js /usr/lib/code-runner/");
        assertThat(Path.of("images/node/node-warm.js")).exists();
        assertThat(Path.of("images/node/tsc-warm.js")).exists();
    }

    /** The warm tsc runs tsc's own command line: it must be compile's, word for word. */
    @Test
    @SuppressWarnings("unchecked")
    void theWarmTypeScriptCompilerIsGivenTheCompileCommandsArguments() throws IOException {
        List<String> compile = (List<String>) language("typescript").get("compile");
        List<String> warm = (List<String>) language("typescript").get("warm-compile");
        assertThat(compile.getFirst()).isEqualTo("tsc");
        assertThat(warm.subList(0, 4)).containsExactly("node", "-r", "/usr/lib/code-runner/tsc-warm.js", "/usr/bin/tsc");
        assertThat(warm.subList(4, warm.size())).isEqualTo(compile.subList(1, compile.size()));
    }

    /** The Java compile step is a class the java image builds; warm, it is the same step behind a go line. */
    @Test
    @SuppressWarnings("unchecked")
    void theJavaCompileStepIsBuiltIntoTheImageAndTheWarmOneDiffersOnlyByWaiting() throws IOException {
        List<String> compile = (List<String>) language("java").get("compile");
        List<String> warm = (List<String>) language("java").get("warm-compile");
        int main = compile.indexOf("JavaCompile");
        assertThat(compile.subList(main - 2, main)).containsExactly("-cp", "/usr/lib/code-runner");
        assertThat(warm.subList(0, main + 1)).isEqualTo(compile.subList(0, main + 1));
        assertThat(warm.get(main + 1)).isEqualTo("--warm");
        assertThat(warm.subList(main + 2, warm.size())).isEqualTo(compile.subList(main + 1, compile.size()));
        assertThat(recipe("java")).contains("COPY JavaCompile.java /usr/lib/code-runner/")
                .contains("javac -encoding UTF-8 -d /usr/lib/code-runner /usr/lib/code-runner/JavaCompile.java");
    }

    /** The warm Ruby the registry starts runs a loader that only the ruby image holds. */
    @Test
    @SuppressWarnings("unchecked")
    void theRubyWarmLoaderIsCopiedIntoTheImageTheRegistryNames() throws IOException {
        List<String> warmRun = (List<String>) language("ruby").get("warm-run");
        List<String> run = (List<String>) language("ruby").get("run");
        assertThat(warmRun).containsExactly(run.getFirst(), "/usr/lib/code-runner/ruby-warm.rb", run.getLast());
        assertThat(recipe("ruby")).contains("COPY ruby-warm.rb /usr/lib/code-runner/");
        assertThat(Path.of("images/ruby/ruby-warm.rb")).exists();
    }
}
