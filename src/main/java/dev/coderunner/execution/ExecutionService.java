package dev.coderunner.execution;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

import org.springframework.stereotype.Service;

import dev.coderunner.language.Language;
import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.language.LanguageVersions;
import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxCommand;
import dev.coderunner.sandbox.SandboxFactory;
import dev.coderunner.sandbox.SandboxSpec;

/**
 * The lifecycle of one run, whatever the sandbox engine: resolve the language and limits, wait for
 * a run slot, open a fresh sandbox, stage the files, compile if the language needs it, run, and
 * close the sandbox whatever happened.
 */
@Service
public class ExecutionService {

    private static final byte[] NO_INPUT = new byte[0];

    private final LanguageRegistry languages;
    private final LanguageVersions versions;
    private final ExecutionProperties properties;
    private final Admission admission;
    private final SandboxFactory sandboxes;

    public ExecutionService(LanguageRegistry languages, LanguageVersions versions, ExecutionProperties properties,
                            Admission admission, SandboxFactory sandboxes) {
        this.languages = languages;
        this.versions = versions;
        this.properties = properties;
        this.admission = admission;
        this.sandboxes = sandboxes;
    }

    public ExecutionResult execute(ExecutionRequest request) {
        Language language = languages.find(request.language())
                .orElseThrow(() -> new UnknownLanguageException(request.language(), languages.ids()));
        RunLimits limits = RunLimits.resolve(properties, language, request);
        SourceFiles.Staged staged = SourceFiles.stage(language, request);
        String version = versions.of(language).value();

        try (Admission.Permit permit = admission.admit();
             Sandbox sandbox = sandboxes.open(new SandboxSpec(language.image(), properties.workspaceSize(),
                     language.compiled() ? 2 : 1))) {
            sandbox.addFiles(staged.files());
            StageResult compile = null;
            if (language.compiled()) {
                compile = StageResult.of(sandbox.run(new SandboxCommand(language.compileCommand(staged.entry()),
                        NO_INPUT, limits.compileTimeout(), limits.outputCap(), limits.compile())),
                        limits.compile().memory());
                if (!compile.succeeded()) {
                    return new ExecutionResult(language, version, compile, compile);
                }
            }
            var argv = new ArrayList<>(language.runCommand(staged.entry()));
            argv.addAll(request.args());
            StageResult run = StageResult.of(sandbox.run(new SandboxCommand(argv,
                    request.stdin().getBytes(StandardCharsets.UTF_8), limits.timeout(), limits.outputCap(),
                    limits.run())), limits.run().memory());
            return new ExecutionResult(language, version, compile, run);
        }
    }
}
