package dev.coderunner.sandbox.bwrap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.coderunner.sandbox.ProcessLimits;

/**
 * The host command that starts one sandboxed command. setsid gives it a session of its own, so a
 * signal meant for the service's process group (Ctrl-C, {@code kill -TERM -<pgid>}) never reaches a
 * sandbox that is still running a program the service means to finish. A root dash joins the command's cgroup (so
 * every descendant is accounted and can be killed) and sets the rlimits with its builtins, then
 * execs setpriv to drop to the unprivileged uid, which execs bubblewrap: it builds the namespaces
 * (user, pid, net, ipc, uts, mount, cgroup) as that uid, loads the seccomp program from fd 3 and
 * runs the program. Every process spawned here costs several milliseconds of CPU, so there are as
 * few as the job allows. dash, not /bin/sh, because ulimit's units differ between shells.
 *
 * <p>Every command is started gated: it says it is ready (an ACK byte on stdout) once it is in
 * its cgroup, then has bubblewrap set the sandbox up and wait for one byte on a duplicate of stdin
 * (fd 4) before it runs the program, so the files can be placed meanwhile; the program's stdin
 * starts after that byte. A language's warm loader is started ungated instead: it writes the ACK
 * and waits for the go line itself.
 */
record BwrapCommandLine(Path rootfs, Path workspace, List<String> environment, int uid, int gid,
                        long scratchBytes, Path seccompProgram) {

    static final String WORKSPACE = "/workspace";
    private static final long FILE_SIZE_BLOCK = 512;

    List<String> build(List<Path> cgroupProcs, ProcessLimits limits, List<String> argv, boolean gated) {
        return build(cgroupProcs, limits, argv, gated, Map.of());
    }

    /** As above, with variables of the command's own beyond the sandbox's environment. */
    List<String> build(List<Path> cgroupProcs, ProcessLimits limits, List<String> argv, boolean gated,
                       Map<String, String> extra) {
        var script = new StringBuilder();
        for (Path procs : cgroupProcs) {
            script.append("echo $$ > '").append(procs).append("' && ");
        }
        long fileBlocks = Math.max(1, limits.fileSize().toBytes() / FILE_SIZE_BLOCK);
        script.append("ulimit -S -t ").append(limits.cpuSeconds())
                .append(" && ulimit -H -t ").append(limits.cpuSeconds() + 1)
                .append(" && ulimit -n ").append(limits.openFiles())
                .append(" && ulimit -f ").append(fileBlocks)
                .append(" && ulimit -c 0")
                .append(gated ? " && printf '\\006'" : "")
                .append(" && exec \"$@\" 3< '").append(seccompProgram).append("'")
                .append(gated ? " 4<&0" : "");
        var command = new ArrayList<>(List.of("setsid", "/bin/dash", "-c", script.toString(), "bwrap-launcher"));
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
        extra.forEach((name, value) -> command.addAll(List.of("--setenv", name, value)));
        if (gated) {
            command.addAll(List.of("--block-fd", "4"));
        }
        command.addAll(List.of("--seccomp", "3", "--"));
        command.addAll(argv);
        return command;
    }
}
