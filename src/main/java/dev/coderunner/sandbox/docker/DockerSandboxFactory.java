package dev.coderunner.sandbox.docker;

import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;

import org.springframework.stereotype.Component;

import dev.coderunner.sandbox.ConditionalOnEngine;
import dev.coderunner.sandbox.RecentAnswer;
import dev.coderunner.sandbox.SandboxEngine;
import dev.coderunner.sandbox.SandboxProperties;
import dev.coderunner.sandbox.SandboxSpec;
import dev.coderunner.sandbox.SandboxUnavailableException;
import dev.coderunner.sandbox.StartAheadSandbox;
import dev.coderunner.sandbox.seccomp.SeccompProgram;

/** Sandboxes as Docker containers over a tmpfs working directory, through the Docker Engine API. */
@Component
@ConditionalOnEngine("docker")
class DockerSandboxFactory implements SandboxEngine {

    private final DockerClient docker;
    private final DockerProperties properties;
    private final DockerLease lease;
    private final DockerLeftovers leftovers;
    private final String user;
    private final RecentAnswer<Readiness> engineReadiness = new RecentAnswer<>(Duration.ofSeconds(2), this::ping);
    private final DockerEngineSetup engineSetup;

    DockerSandboxFactory(DockerClient docker, DockerProperties properties, DockerLease lease, DockerLeftovers leftovers,
                         SandboxProperties sandbox) {
        this.docker = docker;
        this.properties = properties;
        this.lease = lease;
        this.leftovers = leftovers;
        this.user = sandbox.user();
        this.engineSetup = new DockerEngineSetup(docker, properties.runtime());
    }

    @Override
    public String engine() {
        return "docker";
    }

    /**
     * The lease comes first, so a sweep by another instance never finds this run's containers
     * without it. A volume only when commands must share the workspace; one command uses its
     * container's own tmpfs.
     */
    @Override
    public StartAheadSandbox<?> create(SandboxSpec spec, boolean warm) {
        try {
            String profile = engineSetup.seccompProfile();
            lease.ensure(spec.image(), profile, properties.runtime());
            var containers = new DockerContainerSpec(spec, user, leftovers.labels(), profile, properties.runtime());
            String volume = spec.commands().size() < 2 ? null : docker.createVolumeCmd()
                    .withName(leftovers.labels().newVolumeName())
                    .withDriver("local")
                    .withDriverOpts(containers.volumeOptions())
                    .withLabels(leftovers.labels().asMap())
                    .exec()
                    .getName();
            if (volume != null) {
                leftovers.track(volume);
            }
            return new DockerSandbox(docker, containers, volume, leftovers, properties.apiTimeout(), warm);
        } catch (SeccompProgram.UnavailableException e) {
            throw new SandboxUnavailableException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SandboxUnavailableException("Docker could not prepare a sandbox: " + e.getMessage(), e);
        }
    }

    /**
     * Whether Docker answers and has the image. Docker's own answer is reused for a moment, so a
     * health check over every language (or a probe storm) is one ping, and a stuck dockerd costs
     * one API timeout rather than one per image.
     */
    @Override
    public Readiness readiness(String image) {
        Readiness engine = engineReadiness.get();
        if (!engine.ready()) {
            return engine;
        }
        try {
            docker.inspectImageCmd(image).exec();
            return Readiness.ok();
        } catch (NotFoundException e) {
            return Readiness.notReady("runtime image " + image + " is missing (build it with scripts/build-images.sh)");
        } catch (DockerException e) {
            return Readiness.notReady("cannot inspect image " + image + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return Readiness.notReady("Docker did not answer at " + properties.host() + ": " + e.getMessage());
        }
    }

    /** Docker answers, the seccomp policy covers its architecture, and the chosen runtime is registered. */
    private Readiness ping() {
        try {
            docker.pingCmd().exec();
            engineSetup.seccompProfile();
            return Readiness.ok();
        } catch (SeccompProgram.UnavailableException e) {
            return Readiness.notReady(e.getMessage());
        } catch (RuntimeException e) {
            return Readiness.notReady("Docker is not reachable at " + properties.host() + ": " + e.getMessage());
        }
    }
}
