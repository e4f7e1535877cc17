package dev.coderunner.execution;

import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Service;

import dev.coderunner.language.Language;
import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.language.LanguageVersions;
import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxCommand;
import dev.coderunner.sandbox.pool.WarmPools;

/**
 * The lifecycle of one run, whatever the sandbox engine: resolve the language and limits, wait for
 * a run slot, take a fresh sandbox (warm from a pool, or cold), stage the files, compile if the
 * language needs it, run, and destroy the sandbox whatever happened.
 */
@Service
public class ExecutionService {

    private static final byte[] NO_INPUT = new byte[0];

    private final LanguageRegistry languages;
    private final LanguageVersions versions;
    private final ExecutionProperties properties;
    private final Admission admission;
    private final WarmPools pools;

    public ExecutionService(LanguageRegistry languages, LanguageVersions versions, ExecutionProperties properties,
                            Admission admission, WarmPools pools) {
        this.languages = languages;
        this.versions = versions;
        this.properties = properties;
        this.admission = admission;
        this.pools = pools;
    }

    public ExecutionResult execute(ExecutionRequest request) {
        Language language = languages.find(request.language())
                .orElseThrow(() -> new UnknownLanguageException(request.language(), languages.ids()));
        RunLimits limits = RunLimits.resolve(properties, language, request);
        SourceFiles.Staged staged = SourceFiles.stage(language, request);
        RunPlan plan = RunPlan.of(language, limits, staged.entry(), request.args(), properties.workspaceSize());
        String version = versions.of(language).value();

        try (Admission.Permit permit = admission.admit()) {
            Sandbox sandbox = pools.acquire(plan.spec());
            try {
                sandbox.addFiles(staged.files());
                StageResult compile = null;
                if (plan.compile() != null) {
                    compile = StageResult.of(sandbox.run(new SandboxCommand(plan.compile(), NO_INPUT,
                            limits.compileTimeout(), limits.outputCap())), limits.compile().memory());
                    if (!compile.succeeded()) {
                        return new ExecutionResult(language, version, compile, compile);
                    }
                }
                StageResult run = StageResult.of(sandbox.run(new SandboxCommand(plan.run(),
                        request.stdin().getBytes(StandardCharsets.UTF_8), limits.timeout(), limits.outputCap())),
                        limits.run().memory());
                return new ExecutionResult(language, version, compile, run);
            } finally {
                pools.release(sandbox);
            }
        }
    }
}
