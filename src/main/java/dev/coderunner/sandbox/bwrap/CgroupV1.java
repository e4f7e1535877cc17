package dev.coderunner.sandbox.bwrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.coderunner.sandbox.ProcessLimits;
import dev.coderunner.sandbox.ResourceUsage;

/** cgroup v1: one directory per controller hierarchy, joined together. */
final class CgroupV1 implements CgroupDriver {

    static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu", "cpuacct", "freezer");
    private static final long CFS_PERIOD_US = 100_000;
    /** About half a second of rmdir retries for exiting processes before killing survivors. */
    private static final int EXIT_WAIT_ATTEMPTS = 100;

    private final Path root;
    private final String name;

    CgroupV1(Path root, String name) {
        this.root = root;
        this.name = name;
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Path base() {
        return realController("memory").resolve(name);
    }

    @Override
    public Cgroup create(String run, String id, ProcessLimits limits) {
        var group = new Group(run + "/" + id);
        try {
            for (Path dir : group.dirs) {
                Files.createDirectories(dir);
            }
            String memory = String.valueOf(limits.memory().toBytes());
            CgroupFiles.write(group.file("memory", "memory.limit_in_bytes"), memory);
            // Swap equal to memory: with swap accounting the combined limit is the memory limit;
            // without it, swappiness 0 keeps the cgroup from swapping.
            Path memsw = group.file("memory", "memory.memsw.limit_in_bytes");
            if (Files.exists(memsw)) {
                CgroupFiles.write(memsw, memory);
            }
            Path swappiness = group.file("memory", "memory.swappiness");
            if (Files.exists(swappiness)) {
                CgroupFiles.write(swappiness, "0");
            }
            CgroupFiles.write(group.file("pids", "pids.max"), String.valueOf(limits.pids()));
            CgroupFiles.write(group.file("cpu", "cpu.cfs_period_us"), String.valueOf(CFS_PERIOD_US));
            CgroupFiles.write(group.file("cpu", "cpu.cfs_quota_us"), String.valueOf((long) (limits.cpus() * CFS_PERIOD_US)));
            return group;
        } catch (IOException | UncheckedIOException e) {
            group.remove();
            throw new IllegalStateException("cannot create cgroup " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Set<String> runs() {
        return Set.copyOf(CgroupFiles.subdirectories(base()));
    }

    /** Children first, then the run's own directory (which in an older layout held processes itself). */
    @Override
    public int removeRun(String run) {
        var children = CgroupFiles.subdirectories(base().resolve(run));
        children.forEach(child -> new Group(run + "/" + child).remove());
        new Group(run).remove();
        return children.size() + 1;
    }

    /** One directory per controller; controllers mounted together (cpu,cpuacct) share one. */
    private List<Path> directories(String relative) {
        var dirs = new LinkedHashSet<Path>();
        for (String controller : CONTROLLERS) {
            dirs.add(realController(controller).resolve(name).resolve(relative));
        }
        return List.copyOf(dirs);
    }

    private Path realController(String controller) {
        try {
            return root.resolve(controller).toRealPath();
        } catch (IOException e) {
            return root.resolve(controller);
        }
    }

    private final class Group implements Cgroup {

        private final String relative;
        private final List<Path> dirs;
        private boolean removed;

        Group(String relative) {
            this.relative = relative;
            this.dirs = directories(relative);
        }

        Path file(String controller, String file) {
            return realController(controller).resolve(name).resolve(relative).resolve(file);
        }

        @Override
        public List<Path> procsFiles() {
            return dirs.stream().map(dir -> dir.resolve("cgroup.procs")).toList();
        }

        @Override
        public ResourceUsage usage() {
            long cpu = CgroupFiles.read(file("cpuacct", "cpuacct.usage")).map(Long::parseLong).orElse(0L);
            Long peak = CgroupFiles.read(file("memory", "memory.max_usage_in_bytes")).map(Long::valueOf).orElse(null);
            return new ResourceUsage(Duration.ofNanos(cpu), peak);
        }

        @Override
        public boolean oomKilled() {
            return CgroupFiles.keyed(file("memory", "memory.oom_control"), "oom_kill").orElse(0L) > 0;
        }

        /** Freeze first so nothing can fork while the survivors are being killed. */
        @Override
        public void killAll() {
            Path freezer = file("freezer", "freezer.state");
            Path procs = file("memory", "cgroup.procs");
            for (int round = 0; round < 50 && !CgroupFiles.pids(procs).isEmpty(); round++) {
                boolean canFreeze = Files.exists(freezer);
                if (canFreeze) {
                    CgroupFiles.write(freezer, "FROZEN");
                }
                CgroupFiles.killPids(CgroupFiles.pids(procs));
                if (canFreeze) {
                    CgroupFiles.write(freezer, "THAWED");
                }
            }
        }

        @Override
        public void remove() {
            if (removed) {
                return;
            }
            removed = true;
            if (Files.notExists(dirs.getFirst())) {
                return;
            }
            // Usually the sandbox's processes are gone or exiting (its pid 1 took them down), and
            // rmdir succeeds once the last is reaped. Only if it keeps being refused are survivors
            // listed and killed: in v1 every listing of cgroup.procs costs the kernel a pid list.
            if (!CgroupFiles.removeDirectory(dirs.getFirst(), EXIT_WAIT_ATTEMPTS)) {
                killAll();
            }
            dirs.forEach(dir -> CgroupFiles.removeDirectory(dir, CgroupFiles.REMOVE_ATTEMPTS));
        }
    }
}
