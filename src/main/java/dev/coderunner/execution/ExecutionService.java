package dev.coderunner.execution;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.slf4j.MDC;
import org.springframework.stereotype.Service;

import dev.coderunner.language.Language;
import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.language.LanguageVersions;
import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxCommand;
import dev.coderunner.sandbox.SandboxFile;
import dev.coderunner.sandbox.SandboxFactory;

/**
 * The lifecycle of one run, whatever the sandbox engine: resolve the language and limits, stage
 * the files, wait for a run slot, take a fresh sandbox (warm from a pool, or cold), compile if the
 * language needs it, run, and destroy the sandbox whatever happened, once the answer is on its way.
 * With test cases, {@link TestRuns} does the same per case.
 */
@Service
public class ExecutionService {

    private static final byte[] NO_INPUT = new byte[0];

    private final LanguageRegistry languages;
    private final LanguageVersions versions;
    private final ExecutionProperties properties;
    private final Admission admission;
    private final SandboxFactory sandboxes;
    private final RunAudit audit = new RunAudit();
    private final RunMetrics metrics;
    private final TestRuns testRuns;

    public ExecutionService(LanguageRegistry languages, LanguageVersions versions, ExecutionProperties properties,
                            Admission admission, SandboxFactory sandboxes, RunMetrics metrics) {
        this.metrics = metrics;
        this.languages = languages;
        this.versions = versions;
        this.properties = properties;
        this.admission = admission;
        this.sandboxes = sandboxes;
        this.testRuns = new TestRuns(admission, sandboxes, properties);
        refuseLanguagesThatCanNeverBeAdmitted();
    }

    /**
     * @throws UnknownLanguageException           the language is not in the registry
     * @throws InvalidExecutionRequestException   a limit out of range, a bad file name
     * @throws FilesTooLargeException             the files do not fit in the working directory
     * @throws ServiceBusyException               no run slot within the queue timeout
     * @throws dev.coderunner.sandbox.SandboxUnavailableException the engine cannot run it now
     */
    public ExecutionResult execute(ExecutionRequest request) {
        return execute(request, null);
    }

    /**
     * As {@link #execute(ExecutionRequest)}, followed live: the observer is told when the run
     * starts, of each stage and of the output as it is produced, and may give the program stdin as
     * it comes. Interrupting the calling thread ends the run (a client that went away).
     */
    public ExecutionResult execute(ExecutionRequest request, RunObserver observer) {
        String executionId = request.caller().executionId();
        try (var logged = MDC.putCloseable(ExecutionIds.MDC_KEY, executionId)) {
            long started = System.nanoTime();
            var result = run(executionId, request, observer);
            metrics.record(result, System.nanoTime() - started);
            audit.record(request, result);
            return result;
        } catch (RuntimeException refused) {
            audit.refused(executionId, request, refused);
            throw refused;
        }
    }

    /**
     * Refuses a request exactly as {@link #execute} would before running anything, for work that
     * is accepted now and run later: the same exceptions, nothing admitted, no sandbox taken.
     */
    public void check(ExecutionRequest request) {
        Language language = languages.find(request.language())
                .orElseThrow(() -> new UnknownLanguageException(request.language(), languages.ids()));
        RunLimits.resolve(properties, language, request);
        ProgramArguments.check(request);
        SourceFiles.stage(language, request, properties.workspaceSize());
    }

    private ExecutionResult run(String executionId, ExecutionRequest request, RunObserver observer) {
        Language language = languages.find(request.language())
                .orElseThrow(() -> new UnknownLanguageException(request.language(), languages.ids()));
        RunLimits limits = RunLimits.resolve(properties, language, request);
        ProgramArguments.check(request);
        SourceFiles.Staged staged = SourceFiles.stage(language, request, properties.workspaceSize());
        String version = versions.of(language).value();
        if (request.tests() != null) {
            if (observer != null) {
                throw new InvalidExecutionRequestException("tests", "test cases cannot be followed live; "
                        + "send them to POST /execute as JSON");
            }
            return testRuns.run(executionId, language, version, limits, staged, request);
        }
        RunPlan plan = RunPlan.of(language, limits, staged.entry(), request.args(), properties.workspaceSize(),
                observer != null);

        try (var admitted = AdmittedSandbox.open(admission, plan.memory(), sandboxes, plan.spec())) {
            Sandbox sandbox = admitted.sandbox();
            var live = Following.of(observer, executionId);
            List<SandboxFile> files = staged.files();
            StageResult compile = null;
            if (plan.compile() != null) {
                live.stage(RunObserver.Stage.COMPILE);
                compile = StageResult.of(sandbox.run(live.output(new SandboxCommand(plan.compile(), files, NO_INPUT,
                        limits.compileTimeout(), limits.outputCap()))), limits.compile().memory());
                if (!compile.succeeded()) {
                    return new ExecutionResult(executionId, language, version, compile, compile);
                }
                files = List.of();
            }
            live.stage(RunObserver.Stage.RUN);
            StageResult run = StageResult.of(sandbox.run(live.outputAndInput(new SandboxCommand(plan.run(), files,
                    request.stdin().getBytes(StandardCharsets.UTF_8), limits.timeout(), limits.outputCap()))),
                    limits.run().memory());
            return new ExecutionResult(executionId, language, version, compile, run);
        }
    }

    /** A language whose limits exceed the run memory budget could never be admitted: say so at start-up. */
    private void refuseLanguagesThatCanNeverBeAdmitted() {
        for (Language language : languages.all()) {
            var plan = WarmPoolPlanner.usualPlan(language, properties);
            if (plan.memory().toBytes() > admission.memoryBudget()) {
                throw new IllegalStateException("language " + language.id() + " needs " + plan.memory().toMegabytes()
                        + " MB per run, more than all runs together may use (" + admission.memoryBudget() / (1024 * 1024)
                        + " MB, code-runner.execution.concurrency.memory / RUN_MEMORY_BUDGET)");
            }
        }
    }
}
