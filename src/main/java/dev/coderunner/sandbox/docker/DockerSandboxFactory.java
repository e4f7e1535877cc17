package dev.coderunner.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxFactory;
import dev.coderunner.sandbox.SandboxProperties;
import dev.coderunner.sandbox.SandboxSpec;

/** Sandboxes as Docker containers over a tmpfs working directory, through the Docker Engine API. */
@Component
@ConditionalOnProperty(name = "code-runner.sandbox.backend", havingValue = "docker", matchIfMissing = true)
class DockerSandboxFactory implements SandboxFactory {

    private final DockerClient docker;
    private final DockerProperties properties;
    private final String user;
    private final DockerLabels labels;

    DockerSandboxFactory(DockerClient docker, DockerProperties properties, SandboxProperties sandbox) {
        this.docker = docker;
        this.properties = properties;
        this.user = sandbox.user();
        this.labels = new DockerLabels(properties.instance());
    }

    @Override
    public String engine() {
        return "docker";
    }

    @Override
    public Sandbox open(SandboxSpec spec) {
        var sandbox = create(spec);
        if (spec.commands().size() > 1) {
            sandbox.holdWorkspace();
        }
        return sandbox;
    }

    /** Every command's container started ahead; while one waits, it keeps the workspace mounted. */
    @Override
    public Sandbox openWarm(SandboxSpec spec) {
        var sandbox = create(spec);
        try {
            sandbox.startAhead(spec.commands());
            return sandbox;
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    /** A volume only when commands must share the workspace; one command uses its container's tmpfs. */
    private DockerSandbox create(SandboxSpec spec) {
        var containers = new DockerContainerSpec(spec, user, labels);
        String volume = spec.commands().size() < 2 ? null : docker.createVolumeCmd()
                .withDriver("local")
                .withDriverOpts(containers.volumeOptions())
                .withLabels(labels.asMap())
                .exec()
                .getName();
        return new DockerSandbox(docker, containers, volume);
    }

    @Override
    public Readiness readiness(String image) {
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            return Readiness.notReady("Docker is not reachable at " + properties.host() + ": " + e.getMessage());
        }
        try {
            docker.inspectImageCmd(image).exec();
            return Readiness.ok();
        } catch (NotFoundException e) {
            return Readiness.notReady("runtime image " + image + " is missing (build it with scripts/build-images.sh)");
        } catch (DockerException e) {
            return Readiness.notReady("cannot inspect image " + image + ": " + e.getMessage());
        }
    }
}
