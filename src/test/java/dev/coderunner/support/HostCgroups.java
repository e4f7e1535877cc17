package dev.coderunner.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The test instances' cgroups on whichever layout this host has: under the cgroup v2 root, or
 * under the v1 memory hierarchy. A host with neither fails the test rather than letting a leak
 * check find nothing and pass.
 */
public final class HostCgroups {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    private HostCgroups() {
    }

    /** {@code <layout>/<instance>}: one directory per instance run below it, one per command below that. */
    public static Path base(String instance) {
        if (Files.exists(ROOT.resolve("cgroup.controllers"))) {
            return ROOT.resolve(instance);
        }
        assertThat(ROOT.resolve("memory")).as("this host has neither cgroup v2 nor a v1 memory hierarchy").isDirectory();
        return ROOT.resolve("memory").resolve(instance);
    }

    /** Every cgroup below the instance's subtree: run directories and the command cgroups in them. */
    public static List<Path> all(String instance) {
        var found = new ArrayList<Path>();
        for (Path run : children(base(instance))) {
            found.add(run);
            found.addAll(children(run));
        }
        return found;
    }

    /** The command cgroups of every run. */
    public static List<Path> commands(String instance) {
        return children(base(instance)).stream().flatMap(run -> children(run).stream()).toList();
    }

    static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).toList();
        } catch (IOException gone) {
            return List.of();
        }
    }
}
