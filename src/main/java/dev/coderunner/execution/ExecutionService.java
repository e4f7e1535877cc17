package dev.coderunner.execution;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import dev.coderunner.language.Language;
import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxCommand;
import dev.coderunner.sandbox.SandboxFactory;
import dev.coderunner.sandbox.SandboxFile;

/**
 * The lifecycle of one run, whatever the sandbox engine: resolve the language and limits, wait for
 * a run slot, open a fresh sandbox, stage the files, compile if the language needs it, run, and
 * close the sandbox whatever happened.
 */
@Service
public class ExecutionService {

    private final LanguageRegistry languages;
    private final ExecutionProperties properties;
    private final Admission admission;
    private final SandboxFactory sandboxes;

    public ExecutionService(LanguageRegistry languages, ExecutionProperties properties, Admission admission,
                            SandboxFactory sandboxes) {
        this.languages = languages;
        this.properties = properties;
        this.admission = admission;
        this.sandboxes = sandboxes;
    }

    public ExecutionResult execute(ExecutionRequest request) {
        Language language = languages.find(request.language())
                .orElseThrow(() -> new UnknownLanguageException(request.language(), languages.ids()));
        RunLimits limits = RunLimits.resolve(properties, request);
        List<SandboxFile> files = SourceFiles.stage(language, request);

        try (Admission.Permit permit = admission.admit();
             Sandbox sandbox = sandboxes.open(limits.sandboxSpec(language.image()))) {
            sandbox.addFiles(files);
            StageResult compile = null;
            if (language.compiled()) {
                compile = StageResult.of(sandbox.run(new SandboxCommand(
                        language.definition().compile(), new byte[0], limits.compileTimeout(), limits.outputCap())));
                if (!compile.succeeded()) {
                    return new ExecutionResult(language, compile, compile);
                }
            }
            var argv = new ArrayList<>(language.definition().run());
            argv.addAll(request.args());
            StageResult run = StageResult.of(sandbox.run(new SandboxCommand(
                    argv, request.stdin().getBytes(StandardCharsets.UTF_8), limits.timeout(), limits.outputCap())));
            return new ExecutionResult(language, compile, run);
        }
    }
}
