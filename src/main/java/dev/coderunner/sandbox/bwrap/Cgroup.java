package dev.coderunner.sandbox.bwrap;

import java.nio.file.Path;
import java.util.List;

import dev.coderunner.sandbox.ResourceUsage;

/** One command's cgroup: joined before the sandbox starts, read after it ends, then removed. */
interface Cgroup {

    /** The {@code cgroup.procs} files a process writes its pid into to join (one per hierarchy). */
    List<Path> procsFiles();

    /** The processes in the cgroup now. */
    default List<Long> pids() {
        return CgroupFiles.pids(procsFiles().getFirst());
    }

    /** CPU time and peak memory so far. */
    ResourceUsage usage();

    /** Whether the kernel's OOM killer killed a process in this cgroup. */
    boolean oomKilled();

    /** Kills every process in the cgroup, including ones that double-forked or called setsid. */
    void killAll();

    /** Kills what is left and removes the cgroup; idempotent. */
    void remove();
}
