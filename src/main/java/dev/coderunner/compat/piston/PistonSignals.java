package dev.coderunner.compat.piston;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.coderunner.sandbox.ProgramSignal;

/**
 * The signal names a {@code signal} message may carry: Piston's list ({@code globals.SIGNALS},
 * Linux's numbering from SIGHUP to SIGRTMAX), of which the sandboxes deliver SIGINT, SIGTERM and
 * SIGKILL. The others are accepted and dropped, so a client that forwards every signal its
 * terminal gets (Piston's own CLI does, SIGWINCH included) is not cut off; any other name is
 * invalid.
 */
final class PistonSignals {

    private static final Set<String> KNOWN = known();

    private PistonSignals() {
    }

    static boolean known(String name) {
        return KNOWN.contains(name);
    }

    /** The signal the program gets for this name, or empty when it is not one the sandboxes deliver. */
    static Optional<ProgramSignal> deliverable(String name) {
        for (ProgramSignal signal : ProgramSignal.values()) {
            if (signal.name().equals(name)) {
                return Optional.of(signal);
            }
        }
        return Optional.empty();
    }

    private static Set<String> known() {
        var names = new ArrayList<>(List.of("SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
                "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
                "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ",
                "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS", "SIGRTMIN", "SIGRTMAX"));
        for (int i = 1; i <= 15; i++) {
            names.add("SIGRTMIN+" + i);
        }
        for (int i = 1; i <= 14; i++) {
            names.add("SIGRTMAX-" + i);
        }
        return Set.copyOf(names);
    }
}
