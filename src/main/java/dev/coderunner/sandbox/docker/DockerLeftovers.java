package dev.coderunner.sandbox.docker;

import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;

import org.springframework.stereotype.Component;

import dev.coderunner.sandbox.ConditionalOnEngine;
import dev.coderunner.sandbox.InstanceRun;
import dev.coderunner.sandbox.Leftovers;

/**
 * The Docker engine's leftovers: containers and volumes labelled with this instance's name,
 * grouped by the run label. A run is alive while its lease container runs. Removals of our own
 * that failed (Docker down at the time) are queued here and retried.
 */
@Component
@ConditionalOnEngine("docker")
class DockerLeftovers implements Leftovers {

    /** What resources made before runs were labelled count as: no lease, so dead. */
    static final String UNLABELLED = "unlabelled";

    private record Pending(boolean volume, String id) {
    }

    private final DockerClient docker;
    private final DockerLabels labels;
    private final Queue<Pending> failedRemovals = new ConcurrentLinkedQueue<>();

    DockerLeftovers(DockerClient docker, DockerProperties properties, InstanceRun run) {
        this.docker = docker;
        this.labels = new DockerLabels(properties.instance(), run.id());
    }

    /** The labels of everything this instance run creates. */
    DockerLabels labels() {
        return labels;
    }

    @Override
    public Set<String> runs() {
        var runs = new HashSet<String>();
        containers().forEach(container -> runs.add(runOf(container.getLabels())));
        volumes().forEach(volume -> runs.add(runOf(volume.getLabels())));
        return runs;
    }

    @Override
    public boolean alive(String run) {
        return containers().stream().anyMatch(container -> run.equals(runOf(container.getLabels()))
                && "true".equals(container.getLabels().get(DockerLabels.LEASE))
                && "running".equals(container.getState()));
    }

    @Override
    public int remove(String run) {
        int removed = 0;
        for (Container container : containers()) {
            if (run.equals(runOf(container.getLabels()))) {
                removed += removeQuietly(false, container.getId()) ? 1 : 0;
            }
        }
        for (InspectVolumeResponse volume : volumes()) {
            if (run.equals(runOf(volume.getLabels()))) {
                removed += removeQuietly(true, volume.getName()) ? 1 : 0;
            }
        }
        return removed;
    }

    /** Remembers a container or volume of ours that could not be removed now. */
    void retryLater(boolean volume, String id) {
        failedRemovals.add(new Pending(volume, id));
    }

    @Override
    public int retryOwn() {
        int removed = 0;
        for (int pending = failedRemovals.size(); pending > 0; pending--) {
            Pending next = failedRemovals.poll();
            if (next == null) {
                break;
            }
            try {
                remove(next.volume(), next.id());
                removed++;
            } catch (NotFoundException gone) {
                // Removed by someone else meanwhile.
            } catch (RuntimeException stillFailing) {
                failedRemovals.add(next);
            }
        }
        return removed;
    }

    void remove(boolean volume, String id) {
        if (volume) {
            docker.removeVolumeCmd(id).exec();
        } else {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        }
    }

    private boolean removeQuietly(boolean volume, String id) {
        try {
            remove(volume, id);
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    private List<Container> containers() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(java.util.Map.of(DockerLabels.MANAGED, "true", DockerLabels.INSTANCE, labels.instance()))
                .exec();
    }

    private List<InspectVolumeResponse> volumes() {
        var found = docker.listVolumesCmd().withFilter("label", labels.instanceFilter()).exec().getVolumes();
        return found == null ? List.of() : found;
    }

    private static String runOf(java.util.Map<String, String> labels) {
        String run = labels == null ? null : labels.get(DockerLabels.RUN);
        return run == null ? UNLABELLED : run;
    }
}
