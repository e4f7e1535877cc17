package dev.coderunner.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;

/** Whatever one instance run has on this host, on the engine under test, named for assertion messages. */
public final class RunLeftovers {

    private RunLeftovers() {
    }

    /** bwrap: the instance name is both the cgroup subtree and {@code /run/<name>}; Docker: the instance label. */
    public static List<String> of(String instance, String run) {
        var found = new ArrayList<String>();
        if (SandboxIntegrationTest.engine().equals("bwrap")) {
            Path cgroups = HostCgroups.base(instance).resolve(run);
            if (Files.exists(cgroups)) {
                found.add(cgroups.toString());
            }
            for (Path path : List.of(Path.of("/run", instance, run), Path.of("/run", instance, run + ".lock"))) {
                if (Files.exists(path)) {
                    found.add(path.toString());
                }
            }
            return found;
        }
        try (DockerClient docker = SandboxIntegrationTest.dockerClient()) {
            var labels = Map.of("dev.coderunner.instance", instance, "dev.coderunner.run", run);
            docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()
                    .forEach(container -> found.add("container " + container.getId()));
            var volumes = docker.listVolumesCmd().withFilter("label",
                    List.of("dev.coderunner.instance=" + instance, "dev.coderunner.run=" + run)).exec().getVolumes();
            if (volumes != null) {
                volumes.forEach(volume -> found.add("volume " + volume.getName()));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
