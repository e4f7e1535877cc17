package dev.coderunner.execution;

import dev.coderunner.sandbox.SandboxCommand;

/** A run's observer, if it has one, as its commands need it; without one, commands run as they are. */
record Following(RunObserver observer) {

    static Following of(RunObserver observer, String executionId) {
        if (observer != null) {
            observer.started(executionId);
        }
        return new Following(observer);
    }

    void stage(RunObserver.Stage stage) {
        if (observer != null) {
            observer.stage(stage);
        }
    }

    /** A compile step: its output is followed, its stdin is none. */
    SandboxCommand output(SandboxCommand command) {
        return observer == null ? command : command.followedBy(new SandboxCommand.Live(observer, null));
    }

    /** The program: its output is followed, and its stdin comes live if the observer sends it. */
    SandboxCommand outputAndInput(SandboxCommand command) {
        return observer == null ? command : command.followedBy(new SandboxCommand.Live(observer, observer.input()));
    }
}
