package dev.coderunner.sandbox;

/** The signals a live run's client may send its program: Ctrl-C, a polite stop, and a hard one. */
public enum ProgramSignal {
    SIGINT(2), SIGTERM(15), SIGKILL(9);

    private final int number;

    ProgramSignal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
