package dev.coderunner.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.coderunner.sandbox.ProcessLimits;

/** The exact host command line of a sandboxed command: every element is a security boundary. */
class BwrapCommandLineTests {

    private static final ProcessLimits LIMITS = new ProcessLimits(DataSize.ofMegabytes(256), 1.0, 64,
            Duration.ofMillis(2500), DataSize.ofMegabytes(16), 256);
    private static final BwrapCommandLine LINE = new BwrapCommandLine(Path.of("/roots/python"), Path.of("/run/w/ws-1"),
            List.of("PATH=/usr/bin:/bin", "HOME=/workspace"), 10001, 10002, 64L * 1024 * 1024, Path.of("/run/w/seccomp.bpf"));

    @Test
    void aGatedCommandJoinsItsCgroupSetsRlimitsDropsToTheUserAndRunsUnderBubblewrap() {
        var argv = LINE.build(List.of(Path.of("/cg/memory/x/cgroup.procs"), Path.of("/cg/pids/x/cgroup.procs")), LIMITS,
                List.of("python3", "main.py"), true);

        assertThat(argv.subList(0, 5)).containsExactly("setsid", "/bin/dash", "-c",
                "echo $$ > '/cg/memory/x/cgroup.procs' && echo $$ > '/cg/pids/x/cgroup.procs' && "
                        + "ulimit -S -t 3 && ulimit -H -t 4 && ulimit -n 256 && ulimit -f 32768 && ulimit -c 0"
                        + " && printf '\\006' && exec \"$@\" 3< '/run/w/seccomp.bpf' 4<&0",
                "bwrap-launcher");
        assertThat(argv.subList(5, argv.size())).containsExactly(
                "setpriv", "--reuid=10001", "--regid=10002", "--clear-groups", "--",
                "bwrap", "--unshare-all", "--unshare-user", "--disable-userns", "--uid", "10001", "--gid", "10002",
                "--hostname", "sandbox", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--ro-bind", "/roots/python", "/", "--proc", "/proc", "--dev", "/dev",
                "--size", String.valueOf(64L * 1024 * 1024), "--tmpfs", "/tmp",
                "--bind", "/run/w/ws-1", "/workspace", "--chdir", "/workspace", "--clearenv",
                "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/workspace",
                "--block-fd", "4", "--seccomp", "3", "--", "python3", "main.py");
    }

    @Test
    void aWarmLoaderIsUngatedAndSignalsReadinessItself() {
        var argv = LINE.build(List.of(Path.of("/cg/x/cgroup.procs")), LIMITS, List.of("python3", "-c", "loader"), false);

        assertThat(argv.get(3)).doesNotContain("printf", "4<&0").endsWith("exec \"$@\" 3< '/run/w/seccomp.bpf'");
        assertThat(argv).doesNotContain("--block-fd").endsWith("--seccomp", "3", "--", "python3", "-c", "loader");
    }
}
