package dev.coderunner.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A host process as {@code /proc} shows it, identified by pid and start time so a reused pid is
 * never mistaken for it.
 *
 * <p>Whoever kills a waiting sandbox ({@code kill -9}, {@code docker kill}, {@code cgroup.kill},
 * the OOM killer) has left a mark here by the time the call returns: SIGKILL stays in the
 * process's shared pending set until it is reaped, and a process exiting for any other reason is
 * flagged exiting, then a zombie, then gone. The JVM only learns of a child's death when its reaper
 * thread gets round to it, and Docker's attach stream closes on its own schedule, so this is the
 * check that tells a killed sandbox from a live one the moment the kill has been sent.
 */
public record HostProcess(long pid, long startTime) {

    private static final long PF_EXITING = 0x4;
    private static final long SIGKILL_BIT = 1L << (9 - 1);

    /** The process with this pid now, if this service can see it. */
    public static Optional<HostProcess> of(long pid) {
        return Stat.read(pid).map(stat -> new HostProcess(pid, stat.startTime()));
    }

    /** Whether the process with this pid is neither gone, dead, dying, nor about to be killed. */
    public static boolean isRunning(long pid) {
        return Stat.read(pid).map(stat -> stat.running() && noKillPending(pid)).orElse(false);
    }

    /** Whether this process still exists and is neither dead, dying, nor about to be killed. */
    public boolean running() {
        return Stat.read(pid).filter(stat -> stat.startTime() == startTime)
                .map(stat -> stat.running() && noKillPending(pid)).orElse(false);
    }

    /**
     * Reads the shared pending set ({@code ShdPnd}) of /proc/pid/status: a process-wide SIGKILL
     * stays there until the process is reaped, whereas the thread's own set is cleared as soon as
     * the process starts dying.
     */
    private static boolean noKillPending(long pid) {
        return read(pid, "status").map(status -> status.lines()
                .filter(line -> line.startsWith("ShdPnd:") || line.startsWith("SigPnd:"))
                .noneMatch(line -> (pendingSet(line) & SIGKILL_BIT) != 0))
                .orElse(false);
    }

    private static long pendingSet(String line) {
        try {
            return Long.parseUnsignedLong(line.substring(line.indexOf(':') + 1).strip(), 16);
        } catch (NumberFormatException unexpectedLayout) {
            return 0;
        }
    }

    /** The file's text, or nothing once the process is gone or the file is not what proc(5) says. */
    private static Optional<String> read(long pid, String file) {
        try {
            // ISO-8859-1: a command name may hold any bytes.
            return Optional.of(Files.readString(Path.of("/proc", Long.toString(pid), file), StandardCharsets.ISO_8859_1));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    /** The fields of /proc/pid/stat that matter here (proc(5) numbers them from 1). */
    private record Stat(char state, long flags, long startTime) {

        static Optional<Stat> read(long pid) {
            return HostProcess.read(pid, "stat").flatMap(Stat::parse);
        }

        private static Optional<Stat> parse(String text) {
            try {
                // The command name (field 2) is in parentheses and may contain anything, spaces too.
                String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
                return Optional.of(new Stat(fields[0].charAt(0), Long.parseUnsignedLong(fields[6]), Long.parseLong(fields[19])));
            } catch (RuntimeException unexpectedLayout) {
                return Optional.empty();
            }
        }

        boolean running() {
            return state != 'Z' && state != 'X' && state != 'x' && (flags & PF_EXITING) == 0;
        }
    }
}
