package dev.coderunner.sandbox.docker;

import java.util.concurrent.atomic.AtomicReference;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;

import dev.coderunner.sandbox.seccomp.DockerSeccompProfile;
import dev.coderunner.sandbox.seccomp.SeccompPolicy;
import dev.coderunner.sandbox.seccomp.SeccompProgram;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every container of this engine needs from the daemon's own set-up, asked of Docker once it
 * answers: the seccomp profile for the daemon's architecture (which, for a remote engine, need not
 * be ours), and the chosen OCI runtime being registered there.
 */
final class DockerEngineSetup {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DockerClient docker;
    private final String runtime;
    private final AtomicReference<String> profile = new AtomicReference<>();

    DockerEngineSetup(DockerClient docker, String runtime) {
        this.docker = docker;
        this.runtime = runtime;
    }

    /**
     * The profile as compact JSON text, which is what the Engine API takes in {@code SecurityOpt}.
     *
     * @throws SeccompProgram.UnavailableException when the daemon cannot run our sandboxes: an
     *         architecture the policy does not cover, or a runtime it does not have
     */
    String seccompProfile() {
        String known = profile.get();
        if (known != null) {
            return known;
        }
        Info info = docker.infoCmd().exec();
        String architecture = info.getArchitecture();
        SeccompPolicy.Arch arch = SeccompPolicy.Arch.named(String.valueOf(architecture)).orElseThrow(() ->
                new SeccompProgram.UnavailableException("the seccomp policy does not cover the Docker host's " + architecture
                        + " architecture (only x86-64 and aarch64): containers would run unconfined, so none run", null));
        if (!runtime.isEmpty() && (info.getRuntimes() == null || !info.getRuntimes().containsKey(runtime))) {
            throw new SeccompProgram.UnavailableException("Docker has no runtime '" + runtime + "' registered (DOCKER_RUNTIME; "
                    + "scripts/install-prerequisites.sh registers gVisor's runsc)", null);
        }
        String json = JSON.writeValueAsString(DockerSeccompProfile.of(arch));
        profile.compareAndSet(null, json);
        return profile.get();
    }
}
