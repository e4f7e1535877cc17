package dev.coderunner.sandbox.bwrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import dev.coderunner.sandbox.ConditionalOnEngine;
import dev.coderunner.sandbox.Leftovers;

/**
 * The bwrap engine's leftovers: per run, its cgroup subtree, its directory of workspaces under
 * the work directory, and its lock file. A run is alive exactly while its lock is held.
 */
@Component
@ConditionalOnEngine("bwrap")
class BwrapLeftovers implements Leftovers {

    private final Path workDir;
    private final BwrapSandboxFactory factory;

    BwrapLeftovers(BwrapProperties properties, BwrapSandboxFactory factory) {
        this.workDir = properties.workDir();
        this.factory = factory;
    }

    @Override
    public Set<String> runs() {
        var runs = new HashSet<String>();
        try (Stream<Path> entries = Files.list(workDir)) {
            entries.map(path -> path.getFileName().toString())
                    .filter(name -> !name.startsWith(".") && !name.equals("seccomp.bpf"))
                    .map(name -> name.endsWith(InstanceLock.SUFFIX) ? name.substring(0, name.length() - InstanceLock.SUFFIX.length()) : name)
                    .forEach(runs::add);
        } catch (IOException noneYet) {
            // Nothing was ever created here.
        }
        if (factory.cgroups() != null) {
            runs.addAll(factory.cgroups().runs());
        }
        return runs;
    }

    @Override
    public boolean alive(String run) {
        return InstanceLock.ifDead(workDir, run).map(lock -> {
            lock.close();
            return false;
        }).orElse(true);
    }

    /** Holds the dead run's lock while removing, so two sweepers never work on one run at once. */
    @Override
    public int remove(String run) {
        var lock = InstanceLock.ifDead(workDir, run);
        if (lock.isEmpty()) {
            return 0;
        }
        int removed = factory.cgroups() == null ? 0 : factory.cgroups().removeRun(run);
        removed += removeWorkspaces(workDir.resolve(run));
        lock.get().delete();
        return removed;
    }

    /**
     * Unmounts and deletes every workspace under a run's directory, then the directory. A leftover
     * of an older layout (a workspace right under the work directory) is such a directory itself.
     */
    static int removeWorkspaces(Path runDir) {
        int removed = 0;
        if (Files.isDirectory(runDir)) {
            try (Stream<Path> entries = Files.list(runDir)) {
                for (Path workspace : entries.filter(Files::isDirectory).toList()) {
                    Workspace.unmountAndDelete(workspace);
                    removed++;
                }
            } catch (IOException gone) {
                // Removed meanwhile.
            }
            Workspace.unmountAndDelete(runDir);
        } else {
            try {
                Files.deleteIfExists(runDir);
            } catch (IOException ignored) {
                // Not ours to worry about.
            }
        }
        return removed;
    }
}
