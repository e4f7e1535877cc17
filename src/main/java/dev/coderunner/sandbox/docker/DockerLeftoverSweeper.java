package dev.coderunner.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Removes containers and volumes that a previous instance of this service (same instance name)
 * created and never removed, because it was killed mid-run. Runs once at start-up.
 */
@Component
@ConditionalOnProperty(name = "code-runner.sandbox.backend", havingValue = "docker", matchIfMissing = true)
class DockerLeftoverSweeper implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DockerLeftoverSweeper.class);

    private final DockerClient docker;
    private final DockerLabels labels;

    DockerLeftoverSweeper(DockerClient docker, DockerProperties properties) {
        this.docker = docker;
        this.labels = new DockerLabels(properties.instance());
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            int containers = 0;
            for (var container : docker.listContainersCmd().withShowAll(true).withLabelFilter(labels.asMap()).exec()) {
                remove(() -> docker.removeContainerCmd(container.getId()).withForce(true).exec());
                containers++;
            }
            int volumes = 0;
            var found = docker.listVolumesCmd().withFilter("label", labels.filter()).exec().getVolumes();
            for (var volume : found == null ? java.util.List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : found) {
                remove(() -> docker.removeVolumeCmd(volume.getName()).exec());
                volumes++;
            }
            if (containers + volumes > 0) {
                log.info("Removed {} containers and {} volumes left by a previous run", containers, volumes);
            }
        } catch (RuntimeException e) {
            // Docker may be down at start-up; health reports that, and the service can still start.
            log.warn("Could not sweep leftover sandboxes: {}", e.getMessage());
        }
    }

    private static void remove(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException gone) {
            // Removed concurrently.
        } catch (DockerException e) {
            log.warn("Could not remove a leftover sandbox: {}", e.getMessage());
        }
    }
}
