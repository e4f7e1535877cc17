package dev.coderunner.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import dev.coderunner.language.Language;
import dev.coderunner.language.LanguageDefinition;
import dev.coderunner.sandbox.SandboxFile;

class SourceFilesTests {

    private static final Language PYTHON = new Language("python", new LanguageDefinition("Python", "3", List.of(),
            List.of(), "img", "main.py", List.of(), List.of(), List.of("python3", "{file}"), List.of(), List.of(),
            new LanguageDefinition.Limits(null, null, null), java.util.Map.of()));

    private static final DataSize WORKSPACE = DataSize.ofMegabytes(1);

    private static ExecutionRequest withFiles(String code, ExecutionRequest.SourceFile... files) {
        return new ExecutionRequest("python", code, List.of(files), null, null, null, null, null, null);
    }

    private static ExecutionRequest.SourceFile file(String name) {
        return new ExecutionRequest.SourceFile(name, "x".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void codeBecomesTheLanguagesSourceFile() {
        var files = SourceFiles.stage(PYTHON, withFiles("print(1)", file("lib/util.py")), WORKSPACE);

        assertThat(files.files()).extracting(SandboxFile::path).containsExactly("main.py", "lib/util.py");
        assertThat(files.entry()).isEqualTo("main.py");
    }

    @Test
    void withoutCodeTheFileNamedMainIsTheEntryPoint() {
        var staged = SourceFiles.stage(PYTHON, withFiles(null, file("helper.py"), file("Main.py")), WORKSPACE);

        assertThat(staged.entry()).isEqualTo("Main.py");
        assertThat(PYTHON.runCommand(staged.entry())).containsExactly("python3", "Main.py");
    }

    @Test
    void withoutCodeOrMainTheFirstFileIsTheEntryPoint() {
        assertThat(SourceFiles.stage(PYTHON, withFiles(null, file("solve.py"), file("lib.py")), WORKSPACE).entry())
                .isEqualTo("solve.py");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../up.py", "a/../../b", "a//b", "", ".hidden", "a/./b", "dir/", "a\\b",
            "white space.py", "nul\u0000.py"})
    void unsafeNamesAreRefused(String name) {
        assertThatThrownBy(() -> SourceFiles.stage(PYTHON, withFiles("1", file(name)), WORKSPACE))
                .isInstanceOf(InvalidExecutionRequestException.class);
    }

    @Test
    void duplicateNamesAreRefused() {
        assertThatThrownBy(() -> SourceFiles.stage(PYTHON, withFiles("1", file("main.py")), WORKSPACE))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> SourceFiles.stage(PYTHON, withFiles(null, file("a.py"), file("a.py")), WORKSPACE))
                .hasMessageContaining("twice");
    }

    @Test
    void tooManyFilesAreRefused() {
        var many = Collections.nCopies(SourceFiles.MAX_FILES + 1, file("a.py")).toArray(ExecutionRequest.SourceFile[]::new);
        assertThatThrownBy(() -> SourceFiles.stage(PYTHON, withFiles("1", many), WORKSPACE)).hasMessageContaining("at most");
    }

    @Test
    void filesThatCannotFitTheWorkspaceAreRefusedCountingWholePages() {
        var justFits = new ExecutionRequest.SourceFile("a.bin", new byte[1024 * 1024 - 4096]);
        var onePageMore = new ExecutionRequest.SourceFile("b.bin", new byte[1]);

        assertThat(SourceFiles.stage(PYTHON, withFiles(null, justFits), WORKSPACE).files()).hasSize(1);
        assertThatThrownBy(() -> SourceFiles.stage(PYTHON, withFiles("1", justFits, onePageMore), WORKSPACE))
                .isInstanceOf(FilesTooLargeException.class).hasMessageContaining("WORKSPACE_SIZE");
    }

    @Test
    void codeOrFilesAreRequired() {
        assertThatThrownBy(() -> SourceFiles.stage(PYTHON, withFiles(null), WORKSPACE)).hasMessageContaining("code is required");
    }
}
