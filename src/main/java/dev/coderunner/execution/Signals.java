package dev.coderunner.execution;

/** Names of Linux signals, for exit statuses a shell would report as 128 + signal. */
final class Signals {

    private static final String[] NAMES = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
            "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
            "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    private Signals() {
    }

    /** The signal behind an exit status above 128, or null for an ordinary exit. */
    static String nameOf(int exitCode) {
        int signal = exitCode - 128;
        return signal > 0 && signal < NAMES.length ? NAMES[signal] : null;
    }
}
