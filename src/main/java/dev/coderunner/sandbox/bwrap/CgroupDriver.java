package dev.coderunner.sandbox.bwrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import dev.coderunner.sandbox.ProcessLimits;

/**
 * Creates per-command cgroups on whichever cgroup layout the host has, one subtree per instance
 * run ({@code <name>/<run>/<command>}), so instances sharing a name never touch each other's.
 * Pure cgroup v2 (most current hosts) and v1 controllers (older and hybrid hosts) are supported.
 */
interface CgroupDriver {

    /** {@code v1} or {@code v2}. */
    String version();

    /** Where this driver's cgroups live, for logs and tests. */
    Path base();

    /** A fresh cgroup for one command of the given instance run, with the command's limits. */
    Cgroup create(String run, String id, ProcessLimits limits);

    /** The instance runs that have a subtree here. */
    Set<String> runs();

    /** Kills everything in a run's subtree and removes it; returns how many cgroups went. */
    int removeRun(String run);

    /**
     * Picks the layout: v2 when /sys/fs/cgroup is a cgroup2 mount offering memory, pids and cpu;
     * else v1 when those controllers are mounted; otherwise explains why neither can be used.
     */
    static CgroupDriver detect(Path root, String name) {
        Path controllers = root.resolve("cgroup.controllers");
        try {
            if (Files.exists(controllers)) {
                String available = Files.readString(controllers);
                if (available.contains("memory") && available.contains("pids") && available.contains("cpu")) {
                    return new CgroupV2(root, name);
                }
                throw new CgroupUnavailableException("cgroup v2 at " + root + " lacks the memory, pids or cpu controller "
                        + "(has: " + available.strip() + ")");
            }
            for (String controller : CgroupV1.CONTROLLERS) {
                if (!Files.isDirectory(root.resolve(controller))) {
                    throw new CgroupUnavailableException("no cgroup v2 at " + root + " and no cgroup v1 '" + controller
                            + "' controller mounted at " + root.resolve(controller));
                }
            }
            if (!Files.isWritable(root.resolve("memory"))) {
                throw new CgroupUnavailableException("cgroup v1 controllers at " + root + " are not writable: run as root "
                        + "or delegate a subtree to the service's user");
            }
            return new CgroupV1(root, name);
        } catch (IOException e) {
            throw new CgroupUnavailableException("cannot read " + controllers + ": " + e.getMessage());
        }
    }

    /** Neither cgroup layout can be used here. */
    final class CgroupUnavailableException extends RuntimeException {
        CgroupUnavailableException(String message) {
            super(message);
        }
    }
}
