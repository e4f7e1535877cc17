package dev.coderunner.sandbox.bwrap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.coderunner.sandbox.ProcessLimits;

/**
 * The host command that starts one sandboxed command. A root shell joins the command's cgroup
 * (so every descendant is accounted and can be killed), then execs, in turn: prlimit for the
 * rlimits, setpriv to drop to the unprivileged uid, and bubblewrap, which builds the namespaces
 * (user, pid, net, ipc, uts, mount, cgroup) as that uid, loads the seccomp program from fd 3
 * and runs the program.
 */
record BwrapCommandLine(Path rootfs, Path workspace, List<String> environment, int uid, int gid,
                        long scratchBytes, Path seccompProgram) {

    static final String WORKSPACE = "/workspace";

    List<String> build(List<Path> cgroupProcs, ProcessLimits limits, List<String> argv) {
        var join = new StringBuilder();
        for (Path procs : cgroupProcs) {
            join.append("echo $$ > '").append(procs).append("' && ");
        }
        var command = new ArrayList<>(List.of("/bin/sh", "-c",
                join + "exec \"$@\" 3< '" + seccompProgram + "'", "bwrap-launcher"));
        long fileSize = limits.fileSize().toBytes();
        command.addAll(List.of("prlimit",
                "--nofile=" + limits.openFiles() + ":" + limits.openFiles(),
                "--fsize=" + fileSize + ":" + fileSize,
                "--cpu=" + limits.cpuSeconds() + ":" + (limits.cpuSeconds() + 1),
                "--core=0:0",
                "--"));
        command.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
        command.addAll(List.of("bwrap",
                "--unshare-all", "--unshare-user", "--disable-userns",
                "--uid", String.valueOf(uid), "--gid", String.valueOf(gid),
                "--hostname", "sandbox",
                "--die-with-parent", "--new-session",
                "--cap-drop", "ALL",
                "--ro-bind", rootfs.toString(), "/",
                "--proc", "/proc",
                "--dev", "/dev",
                "--size", String.valueOf(scratchBytes), "--tmpfs", "/tmp",
                "--bind", workspace.toString(), WORKSPACE,
                "--chdir", WORKSPACE,
                "--clearenv"));
        for (String variable : environment) {
            int eq = variable.indexOf('=');
            command.addAll(List.of("--setenv", variable.substring(0, eq), variable.substring(eq + 1)));
        }
        command.addAll(List.of("--seccomp", "3", "--"));
        command.addAll(argv);
        return command;
    }
}
