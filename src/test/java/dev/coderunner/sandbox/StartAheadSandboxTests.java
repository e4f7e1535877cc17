package dev.coderunner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Which started-ahead command a run takes, over an engine that only records. */
class StartAheadSandboxTests {

    private static final ProcessLimits LIMITS = new ProcessLimits(DataSize.ofMegabytes(64), 1, 16,
            Duration.ofSeconds(1), DataSize.ofMegabytes(1), 16);
    private static final CommandPlan COMPILE = new CommandPlan(List.of("cc", "main.c"), LIMITS);
    private static final CommandPlan RUN = new CommandPlan(List.of("./main"), LIMITS);
    private static final SandboxSpec SPEC = new SandboxSpec("image", DataSize.ofMegabytes(1), List.of(COMPILE, RUN));

    private final RecordingEngine engine = new RecordingEngine();

    @Test
    void aColdSandboxStartsItsLaterCommandAheadAndTheFirstRunLeavesItWaiting() {
        try (var sandbox = engine.open(SPEC)) {
            var compile = sandbox.run(command(COMPILE));
            assertThat(engine.started).extracting(Fake::plan).containsExactlyInAnyOrder(RUN, COMPILE);
            assertThat(engine.started).noneMatch(fake -> fake.discarded.get());

            var run = sandbox.run(command(RUN));

            assertThat(engine.finished).containsExactly("cc main.c now", "./main ahead");
            assertThat(compile.warm()).isFalse();
            assertThat(run.warm()).as("started ahead, but not by a pool").isFalse();
        }
    }

    @Test
    void aWarmSandboxRunsEveryCommandInItsStartedAheadProcess() {
        try (var sandbox = engine.openWarm(SPEC)) {
            var compile = sandbox.run(command(COMPILE));
            var run = sandbox.run(command(RUN));

            assertThat(engine.finished).containsExactly("cc main.c ahead", "./main ahead");
            assertThat(compile.warm()).isTrue();
            assertThat(run.warm()).isTrue();
        }
    }

    @Test
    void aDeadStartedAheadCommandIsDiscardedAndTheCommandStartsNow() {
        try (var sandbox = engine.openWarm(SPEC)) {
            engine.started.forEach(fake -> fake.living.set(false));

            assertThat(sandbox.usable()).isFalse();
            var compile = sandbox.run(command(COMPILE));

            assertThat(engine.finished).containsExactly("cc main.c now");
            assertThat(compile.warm()).isFalse();
        }
        assertThat(engine.started).filteredOn(fake -> fake.plan().equals(COMPILE)).first()
                .satisfies(fake -> assertThat(fake.discarded).isTrue());
    }

    @Test
    void closingDiscardsWhatStillWaitsAndReleasesOnce() {
        var sandbox = engine.openWarm(SPEC);
        sandbox.close();
        sandbox.close();

        assertThat(engine.started).allMatch(fake -> fake.discarded.get());
        assertThat(engine.released).hasSize(1);
    }

    private static SandboxCommand command(CommandPlan plan) {
        return new SandboxCommand(plan, List.of(), new byte[0], Duration.ofSeconds(1), DataSize.ofKilobytes(1));
    }

    record Fake(CommandPlan plan, boolean ahead, AtomicBoolean living, AtomicBoolean discarded)
            implements StartAheadSandbox.Started {
        @Override
        public boolean alive() {
            return living.get();
        }

        @Override
        public void discard() {
            discarded.set(true);
        }
    }

    private static final class RecordingEngine implements SandboxEngine {
        final Queue<Fake> started = new ConcurrentLinkedQueue<>();
        final Queue<String> finished = new ConcurrentLinkedQueue<>();
        final Queue<Boolean> released = new ConcurrentLinkedQueue<>();

        @Override
        public String engine() {
            return "recording";
        }

        @Override
        public StartAheadSandbox<?> create(SandboxSpec spec, boolean warm) {
            return new StartAheadSandbox<Fake>(warm) {
                @Override
                protected Fake start(CommandPlan plan, boolean ahead) {
                    var fake = new Fake(plan, ahead, new AtomicBoolean(true), new AtomicBoolean());
                    started.add(fake);
                    return fake;
                }

                @Override
                protected CommandOutcome finish(Fake command, SandboxCommand request, boolean startedAhead) {
                    finished.add(String.join(" ", command.plan().argv()) + (startedAhead ? " ahead" : " now"));
                    return new CommandOutcome(0, CommandOutcome.Termination.EXITED, CapturedOutput.EMPTY, Duration.ZERO, null);
                }

                @Override
                protected void release() {
                    released.add(true);
                }
            };
        }

        @Override
        public Readiness readiness(String image) {
            return Readiness.ok();
        }
    }
}
