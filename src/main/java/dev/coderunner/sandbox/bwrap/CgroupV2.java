package dev.coderunner.sandbox.bwrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.coderunner.sandbox.ProcessLimits;
import dev.coderunner.sandbox.ResourceUsage;

/**
 * cgroup v2: one unified hierarchy. The sandboxes' subtree is made under the service's own cgroup
 * (from {@code /proc/self/cgroup}), which is what systemd delegates with {@code Delegate=yes}: v2
 * lets a cgroup with processes of its own have no child with controllers, so the service first
 * moves itself into a leaf ({@code <own>/service}), then enables memory, pids and cpu for
 * {@code <own>/<name>}. At the root of the hierarchy (a host shell as root, a container with a
 * cgroup namespace of its own) the subtree is {@code <root>/<name>}, as before.
 */
final class CgroupV2 implements CgroupDriver {

    private static final long CPU_PERIOD_US = 100_000;

    private final Path base;

    private static final String CONTROLLERS = "+memory +pids +cpu";
    /** The leaf the service's own processes move into, so their cgroup may have children with controllers. */
    static final String SERVICE_LEAF = "service";

    CgroupV2(Path root, String name) {
        this(root, name, ownCgroup());
    }

    /** @param own the service's cgroup, relative to the root ({@code ""} at the root itself) */
    CgroupV2(Path root, String name, String own) {
        Path parent = own.isEmpty() ? root : root.resolve(own);
        this.base = parent.resolve(name);
        try {
            if (!own.isEmpty()) {
                leaveForLeaf(parent);
            }
            Files.createDirectories(base);
            CgroupFiles.write(parent.resolve("cgroup.subtree_control"), CONTROLLERS);
            CgroupFiles.write(base.resolve("cgroup.subtree_control"), CONTROLLERS);
        } catch (IOException | UncheckedIOException e) {
            throw new CgroupUnavailableException("cannot enable memory, pids and cpu controllers under " + base
                    + ": " + e.getMessage() + " (under systemd, run the unit with Delegate=yes)");
        }
    }

    /** Moves every process of the service's cgroup into its leaf. */
    private static void leaveForLeaf(Path own) throws IOException {
        Path leaf = own.resolve(SERVICE_LEAF);
        Files.createDirectories(leaf);
        for (long pid : CgroupFiles.pids(own.resolve("cgroup.procs"))) {
            CgroupFiles.write(leaf.resolve("cgroup.procs"), String.valueOf(pid));
        }
    }

    /** This process's cgroup in the unified hierarchy ({@code 0::/path}), relative; {@code ""} at the root. */
    static String ownCgroup() {
        try {
            return Files.readAllLines(Path.of("/proc/self/cgroup")).stream().filter(line -> line.startsWith("0::"))
                    .map(line -> line.substring(3).replaceFirst("^/", "").replaceFirst("/" + SERVICE_LEAF + "$", ""))
                    .findFirst().orElse("");
        } catch (IOException unreadable) {
            return "";
        }
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public Path base() {
        return base;
    }

    @Override
    public Cgroup create(String run, String id, ProcessLimits limits) {
        Path runDir = base.resolve(run);
        var group = new Group(runDir.resolve(id));
        try {
            if (Files.notExists(runDir)) {
                Files.createDirectories(runDir);
                CgroupFiles.write(runDir.resolve("cgroup.subtree_control"), "+memory +pids +cpu");
            }
            Files.createDirectory(group.dir);
            CgroupFiles.write(group.dir.resolve("memory.max"), String.valueOf(limits.memory().toBytes()));
            Path swap = group.dir.resolve("memory.swap.max");
            if (Files.exists(swap)) {
                CgroupFiles.write(swap, "0");
            }
            CgroupFiles.write(group.dir.resolve("pids.max"), String.valueOf(limits.pids()));
            CgroupFiles.write(group.dir.resolve("cpu.max"), (long) (limits.cpus() * CPU_PERIOD_US) + " " + CPU_PERIOD_US);
            return group;
        } catch (IOException | UncheckedIOException e) {
            group.remove();
            throw new IllegalStateException("cannot create cgroup " + group.dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Set<String> runs() {
        return Set.copyOf(CgroupFiles.subdirectories(base));
    }

    /** Children first, then the run's own directory (which in an older layout held processes itself). */
    @Override
    public int removeRun(String run) {
        Path runDir = base.resolve(run);
        var children = CgroupFiles.subdirectories(runDir);
        children.forEach(child -> new Group(runDir.resolve(child)).remove());
        new Group(runDir).remove();
        return children.size() + 1;
    }

    private static final class Group implements Cgroup {

        private final Path dir;
        private boolean removed;

        Group(Path dir) {
            this.dir = dir;
        }

        @Override
        public List<Path> procsFiles() {
            return List.of(dir.resolve("cgroup.procs"));
        }

        @Override
        public ResourceUsage usage() {
            long micros = CgroupFiles.keyed(dir.resolve("cpu.stat"), "usage_usec").orElse(0L);
            Long peak = CgroupFiles.read(dir.resolve("memory.peak")).map(Long::valueOf).orElse(null);
            return new ResourceUsage(Duration.ofNanos(micros * 1000), peak);
        }

        @Override
        public boolean oomKilled() {
            return CgroupFiles.keyed(dir.resolve("memory.events"), "oom_kill").orElse(0L) > 0;
        }

        /** cgroup.kill (Linux 5.14+) kills atomically; older kernels freeze, kill, thaw. */
        @Override
        public void killAll() {
            Path kill = dir.resolve("cgroup.kill");
            Path procs = dir.resolve("cgroup.procs");
            for (int round = 0; round < 50 && !CgroupFiles.pids(procs).isEmpty(); round++) {
                if (Files.exists(kill)) {
                    CgroupFiles.write(kill, "1");
                    return;
                }
                CgroupFiles.write(dir.resolve("cgroup.freeze"), "1");
                CgroupFiles.killPids(CgroupFiles.pids(procs));
                CgroupFiles.write(dir.resolve("cgroup.freeze"), "0");
            }
        }

        @Override
        public void remove() {
            if (removed) {
                return;
            }
            removed = true;
            if (Files.exists(dir)) {
                killAll();
                CgroupFiles.removeDirectory(dir, CgroupFiles.REMOVE_ATTEMPTS);
            }
        }
    }
}
