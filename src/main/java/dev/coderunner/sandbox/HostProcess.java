package dev.coderunner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A host process as {@code /proc/<pid>/stat} shows it, identified by pid and start time so a
 * reused pid is never mistaken for it.
 *
 * <p>Whoever kills a waiting sandbox ({@code kill -9}, {@code docker kill}, the OOM killer) has
 * left a mark here by the time the call returns: the process is gone, a zombie, exiting, or has
 * SIGKILL pending. The JVM only learns of a child's death when its reaper thread gets round to it,
 * and Docker's attach stream closes on its own schedule, so this is the check that lets a pool
 * tell a killed sandbox from a live one without a race.
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
        return Stat.read(pid).map(Stat::running).orElse(false);
    }

    /** Whether this process still exists and is neither dead, dying, nor about to be killed. */
    public boolean running() {
        return Stat.read(pid).filter(stat -> stat.startTime() == startTime).map(Stat::running).orElse(false);
    }

    /** The fields of /proc/pid/stat that matter here (proc(5) numbers them from 1). */
    private record Stat(char state, long flags, long startTime, long pendingSignals) {

        static Optional<Stat> read(long pid) {
            String text;
            try {
                text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            } catch (IOException gone) {
                return Optional.empty();
            }
            // The command name (field 2) is in parentheses and may contain anything, spaces too.
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new Stat(fields[0].charAt(0), Long.parseUnsignedLong(fields[6]),
                    Long.parseLong(fields[19]), Long.parseLong(fields[28])));
        }

        boolean running() {
            return state != 'Z' && state != 'X' && state != 'x'
                    && (flags & PF_EXITING) == 0 && (pendingSignals & SIGKILL_BIT) == 0;
        }
    }
}
