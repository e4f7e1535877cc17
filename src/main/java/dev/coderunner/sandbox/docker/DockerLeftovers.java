package dev.coderunner.sandbox.docker;

import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;

import org.springframework.beans.factory.DisposableBean;
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
class DockerLeftovers implements Leftovers, DisposableBean {

    /** What resources made before runs were labelled count as: no lease, so dead. */
    static final String UNLABELLED = "unlabelled";

    private record Pending(boolean volume, String id) {
    }

    private final DockerClient docker;
    private final DockerLabels labels;
    private final Queue<Pending> failedRemovals = new ConcurrentLinkedQueue<>();
    /** Containers and volumes of this run that a sandbox (or the lease) holds now. */
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    /** Ours, held by nothing, seen at the last sweep: removed if still so at the next. */
    private volatile Set<String> unheld = Set.of();

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
        volumes().forEach(volume -> runs.add(runOf(volume)));
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
            if (run.equals(runOf(volume))) {
                removed += removeQuietly(true, volume.getName()) ? 1 : 0;
            }
        }
        return removed;
    }

    /** A container or volume this run has just created and holds. */
    void track(String id) {
        live.add(id);
    }

    /** Remembers a container or volume of ours that could not be removed now. */
    void retryLater(boolean volume, String id) {
        failedRemovals.add(new Pending(volume, id));
    }

    /**
     * Retries our failed removals, and removes what this run made but holds no more: a create that
     * Docker completed after we had given up waiting for it leaves such a container. One sighting
     * is not enough (a sandbox may be between creating and holding it); two sweeps apart is.
     */
    @Override
    public int retryOwn() {
        int removed = orphans();
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

    private int orphans() {
        var now = new java.util.HashMap<String, Boolean>();
        containers().stream().filter(c -> labels.run().equals(runOf(c.getLabels())) && !live.contains(c.getId()))
                .forEach(c -> now.put(c.getId(), false));
        volumes().stream().filter(v -> labels.run().equals(runOf(v)) && !live.contains(v.getName()))
                .forEach(v -> now.put(v.getName(), true));
        int removed = 0;
        for (var entry : now.entrySet()) {
            if (unheld.contains(entry.getKey())) {
                removed += removeQuietly(entry.getValue(), entry.getKey()) ? 1 : 0;
            }
        }
        unheld = Set.copyOf(now.keySet());
        return removed;
    }

    /** At shutdown, after every sandbox and the lease are gone: nothing of this run may stay. */
    @Override
    public void destroy() {
        try {
            retryOwn();
            remove(labels.run());
        } catch (RuntimeException dockerGone) {
            // The next start-up's sweep removes what is left: this run's lease is gone with it.
        }
    }

    void remove(boolean volume, String id) {
        live.remove(id);
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

    /** Volumes labelled as this instance's, and those named so (recreated by Docker without labels). */
    private List<InspectVolumeResponse> volumes() {
        var byName = new java.util.LinkedHashMap<String, InspectVolumeResponse>();
        var labelled = docker.listVolumesCmd().withFilter("label", labels.instanceFilter()).exec().getVolumes();
        var named = docker.listVolumesCmd().withFilter("name", List.of(labels.volumePrefix())).exec().getVolumes();
        if (labelled != null) {
            labelled.forEach(v -> byName.put(v.getName(), v));
        }
        if (named != null) {
            named.stream().filter(v -> (v.getLabels() == null || !v.getLabels().containsKey(DockerLabels.MANAGED))
                            && labels.runOfVolume(v.getName(), null) != null)
                    .forEach(v -> byName.putIfAbsent(v.getName(), v));
        }
        return List.copyOf(byName.values());
    }

    private String runOf(InspectVolumeResponse volume) {
        String run = labels.runOfVolume(volume.getName(), volume.getLabels());
        return run == null ? UNLABELLED : run;
    }

    private static String runOf(java.util.Map<String, String> labels) {
        String run = labels == null ? null : labels.get(DockerLabels.RUN);
        return run == null ? UNLABELLED : run;
    }
}
