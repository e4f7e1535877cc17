package dev.coderunner.execution;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import dev.coderunner.language.Language;
import dev.coderunner.sandbox.CapturedOutput;
import dev.coderunner.sandbox.CommandOutcome;
import dev.coderunner.sandbox.CommandPlan;
import dev.coderunner.sandbox.SandboxCommand;
import dev.coderunner.sandbox.SandboxFile;
import dev.coderunner.sandbox.SandboxFactory;
import dev.coderunner.sandbox.SandboxSpec;
import dev.coderunner.sandbox.SandboxUnavailableException;

/**
 * A program against test cases. A compiled language is compiled once, in a sandbox of its own,
 * and its artefacts handed read-only to every case; each case runs in a fresh sandbox, admitted
 * like any run, several at once (never more than half the run slots, so one request leaves room
 * for others) unless the request stops at the first failure.
 */
final class TestRuns {

    private static final byte[] NO_INPUT = new byte[0];

    private final Admission admission;
    private final SandboxFactory sandboxes;
    private final ExecutionProperties properties;

    TestRuns(Admission admission, SandboxFactory sandboxes, ExecutionProperties properties) {
        this.admission = admission;
        this.sandboxes = sandboxes;
        this.properties = properties;
    }

    ExecutionResult run(String executionId, Language language, String version, RunLimits limits,
                        SourceFiles.Staged staged, ExecutionRequest request) {
        TestSuite suite = request.tests();
        List<SandboxFile> files = staged.files();
        StageResult compile = null;
        if (language.compiled()) {
            RunPlan plan = RunPlan.of(language, limits, staged.entry(), request.args(), properties.workspaceSize());
            CommandOutcome compiled = alone(plan.spec().image(), new SandboxCommand(plan.compile(), files, NO_INPUT,
                    limits.compileTimeout(), limits.outputCap(), true));
            compile = StageResult.of(compiled, limits.compile().memory());
            if (!compile.succeeded()) {
                var outcomes = java.util.stream.IntStream.range(0, suite.cases().size())
                        .mapToObj(i -> new TestOutcome(suite.name(i), Verdict.COMPILE_ERROR, null)).toList();
                return new ExecutionResult(executionId, language, version, compile, compile, outcomes);
            }
            files = compiled.files().stream().map(SandboxFile::readOnly).toList();
        }
        List<TestOutcome> outcomes = suite.stopOnFirstFailure()
                ? untilFirstFailure(language, limits, staged, request, files)
                : together(language, limits, staged, request, files);
        return new ExecutionResult(executionId, language, version, compile, outcomes.getFirst().run(), outcomes);
    }

    private List<TestOutcome> untilFirstFailure(Language language, RunLimits limits, SourceFiles.Staged staged,
                                                ExecutionRequest request, List<SandboxFile> files) {
        TestSuite suite = request.tests();
        var outcomes = new ArrayList<TestOutcome>();
        boolean failed = false;
        for (int i = 0; i < suite.cases().size(); i++) {
            if (failed) {
                outcomes.add(new TestOutcome(suite.name(i), Verdict.SKIPPED, null));
                continue;
            }
            TestOutcome outcome = one(language, limits, staged, request, files, i);
            failed = outcome.verdict() != Verdict.ACCEPTED;
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private List<TestOutcome> together(Language language, RunLimits limits, SourceFiles.Staged staged,
                                       ExecutionRequest request, List<SandboxFile> files) {
        var share = new Semaphore(Math.max(1, admission.maxRunning() / 2));
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<TestOutcome>>();
            for (int i = 0; i < request.tests().cases().size(); i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    share.acquire();
                    try {
                        return one(language, limits, staged, request, files, index);
                    } finally {
                        share.release();
                    }
                }));
            }
            var outcomes = new ArrayList<TestOutcome>();
            for (var future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException refused ? refused : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the tests", e);
        }
    }

    /** One case in a fresh sandbox. An engine that fails under it fails that case alone. */
    private TestOutcome one(Language language, RunLimits limits, SourceFiles.Staged staged, ExecutionRequest request,
                            List<SandboxFile> files, int index) {
        TestSuite suite = request.tests();
        TestSuite.TestCase test = suite.cases().get(index);
        List<String> args = test.args() != null ? test.args() : request.args();
        String stdin = test.stdin() != null ? test.stdin() : request.stdin();
        CommandPlan run = RunPlan.of(language, limits, staged.entry(), args, properties.workspaceSize()).run();
        StageResult result;
        try {
            result = StageResult.of(alone(language.image(), new SandboxCommand(run, files,
                    stdin.getBytes(StandardCharsets.UTF_8), limits.timeout(), limits.outputCap())), limits.run().memory());
        } catch (SandboxUnavailableException e) {
            result = new StageResult(ExecutionStatus.INTERNAL_ERROR, -1, null,
                    new CapturedOutput(new byte[0], new byte[0], new byte[0], false), Duration.ZERO, null, false,
                    e.getMessage());
        }
        boolean matches = result.succeeded() && suite.comparison().matches(test.expectedOutput(), result.output().stdoutText());
        return new TestOutcome(suite.name(index), Verdict.of(result, matches), result);
    }

    /** Runs one command in a sandbox of its own, admitted at the command's memory limit. */
    private CommandOutcome alone(String image, SandboxCommand command) {
        var spec = new SandboxSpec(image, properties.workspaceSize(), List.of(command.plan()));
        try (var admitted = AdmittedSandbox.open(admission, command.limits().memory(), sandboxes, spec)) {
            return admitted.sandbox().run(command);
        }
    }
}
