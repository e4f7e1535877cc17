package dev.coderunner.sandbox.bwrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.jna.LastErrorException;

import dev.coderunner.sandbox.ProgramSignal;

/**
 * The program's processes among a command's cgroup: those inside the sandbox's pid namespace
 * other than its pid 1, which is bubblewrap's own reaper (the launcher and the outer bubblewrap
 * live in the host's namespace). A signal goes to all of them, as Ctrl-C in a terminal reaches
 * the whole foreground process group.
 */
final class ProgramProcesses {

    private ProgramProcesses() {
    }

    static void signal(Cgroup cgroup, ProgramSignal signal) {
        for (long pid : cgroup.pids()) {
            if (insideTheSandbox(pid)) {
                try {
                    LibC.INSTANCE.kill((int) pid, signal.number());
                } catch (LastErrorException gone) {
                    // It exited meanwhile.
                }
            }
        }
    }

    /** From {@code NSpid} in /proc/pid/status: one id per pid namespace, the innermost last. */
    private static boolean insideTheSandbox(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("NSpid:"))
                    .map(line -> line.substring("NSpid:".length()).strip().split("\\s+"))
                    .anyMatch(ids -> ids.length >= 2 && !ids[ids.length - 1].equals("1"));
        } catch (IOException gone) {
            return false;
        }
    }
}
