package dev.coderunner.sandbox.docker;

import java.util.concurrent.atomic.AtomicReference;

import com.github.dockerjava.api.DockerClient;

import dev.coderunner.sandbox.seccomp.DockerSeccompProfile;
import dev.coderunner.sandbox.seccomp.SeccompPolicy;
import dev.coderunner.sandbox.seccomp.SeccompProgram;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seccomp profile every container of this engine gets, for the architecture the Docker
 * daemon runs on (which, for a remote engine, need not be ours). Asked of Docker once it answers.
 */
final class DockerSeccomp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DockerClient docker;
    private final AtomicReference<String> profile = new AtomicReference<>();

    DockerSeccomp(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * The profile as compact JSON text, which is what the Engine API takes in {@code SecurityOpt}.
     *
     * @throws SeccompProgram.UnavailableException when the policy does not cover the daemon's architecture
     */
    String profile() {
        String known = profile.get();
        if (known != null) {
            return known;
        }
        String architecture = docker.infoCmd().exec().getArchitecture();
        SeccompPolicy.Arch arch = SeccompPolicy.Arch.named(String.valueOf(architecture)).orElseThrow(() ->
                new SeccompProgram.UnavailableException("the seccomp policy does not cover the Docker host's " + architecture
                        + " architecture (only x86-64 and aarch64): containers would run unconfined, so none run", null));
        String json = JSON.writeValueAsString(DockerSeccompProfile.of(arch));
        profile.compareAndSet(null, json);
        return profile.get();
    }
}
