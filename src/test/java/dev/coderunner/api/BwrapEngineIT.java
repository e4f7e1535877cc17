package dev.coderunner.api;

import static dev.coderunner.support.Api.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;

import dev.coderunner.support.HostCgroups;
import dev.coderunner.support.SandboxIntegrationTest;

/** bubblewrap-only behaviour: cgroups per run, process-tree kill, seccomp, no privileges. */
@EnabledIfSystemProperty(named = "test.sandbox.backend", matches = "bwrap")
class BwrapEngineIT extends SandboxIntegrationTest {

    @Autowired
    private List<ApplicationRunner> runners;

    @Test
    void eachRunHasItsOwnCgroupWhichIsRemovedAfterwards() throws Exception {
        // Warm pools keep cgroups of their own; the run's is the one holding its processes,
        // recognised by the argument the program was started with.
        String marker = "cgroup-marker-" + System.nanoTime();
        var run = CompletableFuture.supplyAsync(() -> api.execute(request("language", "python", "timeout", 20,
                "args", List.of(marker), "code", "import sys, time\nprint('up', flush=True)\ntime.sleep(3)")));
        Path cgroup = await().atMost(Duration.ofSeconds(15)).until(() -> cgroupRunning(marker), found -> found != null);

        assertThat(run.get().text("status")).isEqualTo("OK");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.notExists(cgroup));
    }

    /** The run's cgroup: the one with a process whose command line ends with the marker. */
    private static Path cgroupRunning(String marker) throws IOException {
        for (String dir : cgroups()) {
            try {
                for (String pid : Files.readAllLines(Path.of(dir, "cgroup.procs"))) {
                    if (new String(Files.readAllBytes(Path.of("/proc", pid.strip(), "cmdline"))).endsWith(marker + "\0")) {
                        return Path.of(dir);
                    }
                }
            } catch (IOException gone) {
                // Removed or exited meanwhile.
            }
        }
        return null;
    }

    @Test
    void aSetsidGrandchildIsKilledAtTheTimeout() throws IOException {
        var reply = api.execute(request("language", "python", "timeout", 2, "code", """
                import subprocess
                subprocess.Popen(['setsid', 'sh', '-c', 'sleep 313 & exec sleep 314'])
                while True:
                    pass
                """));

        assertThat(reply.text("status")).isEqualTo("TIMEOUT");
        assertThat(hostProcessesRunning("sleep 313")).isFalse();
        assertThat(hostProcessesRunning("sleep 314")).isFalse();
    }

    @Test
    void procStatusShowsNoCapabilitiesNoNewPrivsAndAFilter() {
        var reply = api.run("python", """
                fields = dict(line.split(':\\t', 1) for line in open('/proc/self/status').read().splitlines() if ':\\t' in line)
                for key in ['CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb', 'NoNewPrivs', 'Seccomp']:
                    print(key, fields[key].strip())
                """);

        assertThat(reply.text("stdout")).isEqualTo("""
                CapInh 0000000000000000
                CapPrm 0000000000000000
                CapEff 0000000000000000
                CapBnd 0000000000000000
                CapAmb 0000000000000000
                NoNewPrivs 1
                Seccomp 2
                """);
    }

    @Test
    void theSweepRemovesWhatADeadRunLeftAndNothingOfOurs() throws Exception {
        var ours = HostCgroups.commands(INSTANCE);
        Path orphanCgroup = Files.createDirectories(HostCgroups.base(INSTANCE).resolve("rdead0000000/orphan-cgroup"));
        Path orphanWorkspace = Files.createDirectories(Path.of("/run", INSTANCE, "rdead0000000", "ws-orphan"));
        Path olderLayout = Files.createDirectories(Path.of("/run", INSTANCE, "ws-older-layout"));

        for (ApplicationRunner runner : runners) {
            runner.run(new DefaultApplicationArguments());
        }

        assertThat(orphanCgroup).doesNotExist();
        assertThat(orphanCgroup.getParent()).doesNotExist();
        assertThat(orphanWorkspace.getParent()).doesNotExist();
        assertThat(olderLayout).doesNotExist();
        assertThat(ours).isNotEmpty().allMatch(Files::isDirectory);
        assertThat(api.run("python", "print('ours still run')").text("output")).isEqualTo("ours still run\n");
    }

    private static List<String> cgroups() {
        return HostCgroups.commands(INSTANCE).stream().map(Path::toString).toList();
    }

    private static boolean hostProcessesRunning(String commandLine) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).anyMatch(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ').strip()
                            .equals(commandLine);
                } catch (IOException gone) {
                    return false;
                }
            });
        }
    }
}
