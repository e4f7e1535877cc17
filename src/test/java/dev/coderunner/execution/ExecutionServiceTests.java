package dev.coderunner.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.coderunner.language.LanguageDefinition;
import dev.coderunner.language.LanguageProperties;
import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.language.LanguageVersions;
import dev.coderunner.sandbox.CapturedOutput;
import dev.coderunner.sandbox.CommandOutcome;
import dev.coderunner.sandbox.CommandOutcome.Termination;
import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxCommand;
import dev.coderunner.sandbox.SandboxFactory;
import dev.coderunner.sandbox.SandboxSpec;
import dev.coderunner.sandbox.SandboxUnavailableException;

/** The lifecycle of a run over a factory that only records: no engine, no Docker. */
class ExecutionServiceTests {

    private static final LanguageDefinition.Limits DEFAULT = new LanguageDefinition.Limits(null, null, null);
    private static final LanguageRegistry LANGUAGES = new LanguageRegistry(new LanguageProperties(Map.of(
            "python", new LanguageDefinition("Python", "3", List.of(), List.of(), "img/python", "main.py", List.of(), List.of(),
                    List.of("python3", "{file}"), List.of(), List.of(), DEFAULT, Map.of()),
            "c", new LanguageDefinition("C", "12", List.of(), List.of(), "img/gcc", "main.c",
                    List.of("gcc", "-o", "main", "{file}"), List.of(), List.of("./main"), List.of(), List.of(), DEFAULT, Map.of()))));
    private static final ExecutionProperties PROPERTIES = new ExecutionProperties(Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), DataSize.ofMegabytes(256),
            DataSize.ofMegabytes(512), 1.0, 64, DataSize.ofMegabytes(1), DataSize.ofMegabytes(16), 256,
            DataSize.ofMegabytes(64), new ExecutionProperties.Concurrency(2, 4, Duration.ofSeconds(5), DataSize.ofGigabytes(4)));

    private final RecordingFactory factory = new RecordingFactory();
    private final Admission admission = new Admission(PROPERTIES);
    private final ExecutionService service = new ExecutionService(LANGUAGES, new LanguageVersions(), PROPERTIES,
            admission, factory, new RunMetrics(new SimpleMeterRegistry(), factory));

    private static ExecutionRequest request(String language, String code, String stdin) {
        return new ExecutionRequest(language, code, null, stdin, List.of("a"), null, null, null, null);
    }

    @Test
    void aCompiledLanguageCompilesWithTheFilesThenRunsWithStdinInTheSameSandbox() {
        factory.outcome = command -> exited(0, command.argv().getFirst());

        var result = service.execute(request("c", "int main(){}", "in"));

        assertThat(result.success()).isTrue();
        assertThat(factory.opened).hasSize(1);
        assertThat(factory.commands).extracting(SandboxCommand::argv)
                .containsExactly(List.of("gcc", "-o", "main", "main.c"), List.of("./main", "a"));
        assertThat(factory.commands.get(0).files()).extracting(file -> file.path()).containsExactly("main.c");
        assertThat(factory.commands.get(0).stdin()).isEmpty();
        assertThat(factory.commands.get(1).files()).as("files come with the first command only").isEmpty();
        assertThat(new String(factory.commands.get(1).stdin(), StandardCharsets.UTF_8)).isEqualTo("in");
        awaitTornDown();
    }

    @Test
    void aFailedCompileSkipsTheRunAndIsTheAnswer() {
        factory.outcome = command -> exited(1, "error: expected ';'");

        var result = service.execute(request("c", "int main(){", ""));

        assertThat(result.status()).isEqualTo(ExecutionStatus.COMPILE_ERROR);
        assertThat(result.run()).isSameAs(result.compile());
        assertThat(factory.commands).hasSize(1);
        awaitTornDown();
    }

    @Test
    void anEngineFailingBeforeTheRunPropagatesAndStillClosesAndFreesTheSlot() {
        factory.outcome = command -> {
            throw new SandboxUnavailableException("engine down");
        };

        assertThatThrownBy(() -> service.execute(request("python", "print(1)", "")))
                .isInstanceOf(SandboxUnavailableException.class);
        awaitTornDown();
    }

    @Test
    void theAnswerComesBeforeTheTeardownAndTheSlotIsHeldUntilItIsDone() throws Exception {
        factory.outcome = command -> exited(0, "1");
        factory.teardown = new CountDownLatch(1);
        try {
            // An answer that waited for the teardown would never come while the teardown is held.
            var result = CompletableFuture.supplyAsync(() -> service.execute(request("python", "print(1)", "")))
                    .get(5, TimeUnit.SECONDS);

            assertThat(result.success()).isTrue();
            assertThat(factory.closed).as("torn down while the answer was ready").isEmpty();
            assertThat(admission.running()).as("the teardown still holds the run's slot").isEqualTo(1);
        } finally {
            factory.teardown.countDown();
        }
        awaitTornDown();
    }

    @Test
    void aTeardownThatFailsStillFreesTheSlot() {
        factory.outcome = command -> exited(0, "1");
        factory.closeFailure = new IllegalStateException("the engine could not remove it");

        service.execute(request("python", "print(1)", ""));

        awaitTornDown();
    }

    @Test
    void aSandboxThatCannotBeOpenedFreesTheSlotAtOnce() {
        factory.openFailure = new SandboxUnavailableException("engine down");

        assertThatThrownBy(() -> service.execute(request("python", "print(1)", "")))
                .isInstanceOf(SandboxUnavailableException.class);
        assertThat(admission.running()).isZero();
    }

    @Test
    void anEngineFailingUnderTheProgramIsAnInternalErrorWithItsReason() {
        factory.outcome = command -> CommandOutcome.engineFailed("the engine died", CapturedOutput.EMPTY, Duration.ZERO);

        var result = service.execute(request("python", "print(1)", ""));

        assertThat(result.status()).isEqualTo(ExecutionStatus.INTERNAL_ERROR);
        assertThat(result.run().error()).isEqualTo("the engine died");
        assertThat(result.run().signal()).as("not the program's signal").isNull();
    }

    @Test
    void badRequestsAreRefusedBeforeAnySandboxIsTaken() {
        assertThatThrownBy(() -> service.execute(request("cobol", "x", ""))).isInstanceOf(UnknownLanguageException.class);
        var huge = new ExecutionRequest("python", "x", List.of(new ExecutionRequest.SourceFile("big.bin",
                new byte[65 * 1024 * 1024])), null, null, null, null, null, null);
        assertThatThrownBy(() -> service.execute(huge)).isInstanceOf(FilesTooLargeException.class);
        assertThat(factory.opened).isEmpty();
    }

    @Test
    void aLanguageThatCanNeverBeAdmittedStopsStartUp() {
        var tight = new ExecutionProperties(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(30), DataSize.ofMegabytes(256), DataSize.ofMegabytes(512), 1.0, 64,
                DataSize.ofMegabytes(1), DataSize.ofMegabytes(16), 256, DataSize.ofMegabytes(64),
                new ExecutionProperties.Concurrency(2, 4, Duration.ofSeconds(5), DataSize.ofMegabytes(300)));

        assertThatThrownBy(() -> new ExecutionService(LANGUAGES, new LanguageVersions(), tight, new Admission(tight), factory,
                new RunMetrics(new SimpleMeterRegistry(), factory)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("language c needs 512 MB");
    }

    /** The sandbox closed once, then the run's slot given back. */
    private void awaitTornDown() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(factory.closed).containsExactly(true);
            assertThat(admission.running()).isZero();
        });
    }

    private static CommandOutcome exited(int code, String output) {
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        return new CommandOutcome(code, Termination.EXITED, new CapturedOutput(bytes, new byte[0], bytes, false),
                Duration.ofMillis(5), null);
    }

    private static final class RecordingFactory implements SandboxFactory {
        final List<SandboxSpec> opened = new ArrayList<>();
        final List<SandboxCommand> commands = new CopyOnWriteArrayList<>();
        final List<Boolean> closed = new CopyOnWriteArrayList<>();
        volatile Function<SandboxCommand, CommandOutcome> outcome;
        volatile CountDownLatch teardown = new CountDownLatch(0);
        volatile RuntimeException closeFailure;
        volatile RuntimeException openFailure;

        @Override
        public String engine() {
            return "recording";
        }

        @Override
        public Sandbox open(SandboxSpec spec) {
            if (openFailure != null) {
                throw openFailure;
            }
            opened.add(spec);
            return new Sandbox() {
                @Override
                public CommandOutcome run(SandboxCommand command) {
                    commands.add(command);
                    return outcome.apply(command);
                }

                @Override
                public void close() {
                    try {
                        teardown.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    closed.add(true);
                    if (closeFailure != null) {
                        throw closeFailure;
                    }
                }
            };
        }

        @Override
        public Readiness readiness(String image) {
            return Readiness.ok();
        }
    }
}
