package dev.coderunner.language;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * One entry of the language registry file, as written there. In commands, {@code {file}} stands
 * for the entry file's path and {@code {name}} for its name without extension.
 *
 * @param name           display name
 * @param version        version the image is built with; replaced by the one the runtime reports
 * @param versionCommand prints the runtime's version; its first dotted number is taken
 * @param aliases        other names clients may use, matched case-insensitively
 * @param image          runtime image the program runs in
 * @param sourceFile     file name submitted {@code code} is saved as
 * @param compile        compile command, empty for interpreted languages
 * @param warmCompile    optional: starts the compiler early, as {@code warmRun} does the interpreter
 *                       (ready byte, one go line on stdin), then compiles exactly as {@code compile}
 *                       would: same files written, same diagnostics, same exit status
 * @param run            run command; request {@code args} are appended
 * @param warmRun        optional: starts the interpreter early, writes the byte 0x06 to stdout
 *                       once ready, waits for one line on stdin, then runs the entry file exactly
 *                       as {@code run} would (used by warm pools); request {@code args} are appended;
 *                       {@code {preload}} stands for {@code warmPreload}, comma-separated
 * @param warmPreload    modules the warm interpreter imports before the program arrives: the one
 *                       case where a program can tell a warm start (they are already loaded), so
 *                       it is opt-in, for a registry entry meant for such programs
 * @param limits         ceilings that differ from the global ones for this language
 * @param liveEnvironment variables set for a program followed live (streamed or interactive), so
 *                       that it writes its output as it goes rather than in blocks when it ends,
 *                       as it would on a terminal (the program can see them)
 */
public record LanguageDefinition(
        @NotBlank String name,
        @NotBlank String version,
        @DefaultValue List<String> versionCommand,
        @DefaultValue List<String> aliases,
        @NotBlank String image,
        @NotBlank String sourceFile,
        @DefaultValue List<String> compile,
        @DefaultValue List<String> warmCompile,
        @NotEmpty List<String> run,
        @DefaultValue List<String> warmRun,
        @DefaultValue List<@Pattern(regexp = MODULE_NAME) String> warmPreload,
        @Valid @DefaultValue Limits limits,
        @DefaultValue Map<String, String> liveEnvironment) {

    /** A dotted module name: it is written into the loader's command line, so nothing else may pass. */
    static final String MODULE_NAME = "[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*";

    /**
     * Per-language ceilings; null means the global setting.
     *
     * @param memory        memory of a run (the JVM needs more than Python)
     * @param compileMemory memory of the compile step
     * @param pids          processes and threads, for runtimes with many threads
     */
    public record Limits(DataSize memory, DataSize compileMemory, Integer pids) {
    }
}
