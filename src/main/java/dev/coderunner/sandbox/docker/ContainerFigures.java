package dev.coderunner.sandbox.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Statistics;

import dev.coderunner.sandbox.ResourceUsage;

/**
 * A container's CPU time, peak memory and out-of-memory kills, read from outside it while it still
 * exists: from its cgroup's files when the Docker host is this host (cgroup v1 or v2, cgroupfs or
 * systemd driver), from the Engine API's statistics otherwise. Nothing the sandboxed program could
 * have written goes into these figures.
 */
final class ContainerFigures {

    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
    private static final Duration STATS_WAIT = Duration.ofSeconds(5);

    /** CPU time and peak memory, and whether the kernel's OOM killer struck. */
    record Figures(ResourceUsage usage, boolean oomKilled) {
    }

    private final DockerClient docker;

    ContainerFigures(DockerClient docker) {
        this.docker = docker;
    }

    Figures read(String id) {
        return fromCgroupFiles(id).orElseGet(() -> fromEngine(id));
    }

    private static Optional<Figures> fromCgroupFiles(String id) {
        for (String relative : List.of("docker/" + id, "system.slice/docker-" + id + ".scope")) {
            Path memory = CGROUPS.resolve("memory").resolve(relative);
            Path cpu = CGROUPS.resolve("cpuacct").resolve(relative);
            if (Files.isDirectory(memory) && Files.isDirectory(cpu)) {
                long nanos = number(cpu.resolve("cpuacct.usage")).orElse(0L);
                Long peak = number(memory.resolve("memory.max_usage_in_bytes")).orElse(null);
                return Optional.of(new Figures(new ResourceUsage(Duration.ofNanos(nanos), peak),
                        keyed(memory.resolve("memory.oom_control"), "oom_kill") > 0));
            }
            Path unified = CGROUPS.resolve(relative);
            if (Files.isRegularFile(unified.resolve("cgroup.procs")) && Files.exists(unified.resolve("cpu.stat"))) {
                long micros = keyed(unified.resolve("cpu.stat"), "usage_usec");
                Long peak = number(unified.resolve("memory.peak")).orElse(null);
                return Optional.of(new Figures(new ResourceUsage(Duration.ofNanos(micros * 1000), peak),
                        keyed(unified.resolve("memory.events"), "oom_kill") > 0));
            }
        }
        return Optional.empty();
    }

    /** A remote engine: one statistics sample of the still-running container. */
    private Figures fromEngine(String id) {
        var sample = new java.util.concurrent.atomic.AtomicReference<Statistics>();
        var callback = docker.statsCmd(id).withNoStream(true).exec(new ResultCallback.Adapter<Statistics>() {
            @Override
            public void onNext(Statistics statistics) {
                sample.set(statistics);
            }
        });
        try {
            callback.awaitCompletion(STATS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Statistics stats = sample.get();
        if (stats == null || stats.getCpuStats() == null || stats.getMemoryStats() == null) {
            return new Figures(null, false);
        }
        Long cpu = stats.getCpuStats().getCpuUsage() == null ? null : stats.getCpuStats().getCpuUsage().getTotalUsage();
        Long peak = stats.getMemoryStats().getMaxUsage();
        return new Figures(new ResourceUsage(Duration.ofNanos(cpu == null ? 0 : cpu), peak), false);
    }

    private static Optional<Long> number(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException missing) {
            return Optional.empty();
        }
    }

    private static long keyed(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().map(line -> line.split(" "))
                    .filter(parts -> parts.length == 2 && parts[0].equals(key))
                    .mapToLong(parts -> Long.parseLong(parts[1])).findFirst().orElse(0);
        } catch (IOException | NumberFormatException missing) {
            return 0;
        }
    }
}
