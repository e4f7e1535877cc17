package dev.coderunner.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;

import dev.coderunner.support.SandboxIntegrationTest;

/** Docker-only behaviour: leftovers of a killed instance are swept at start-up. */
@DisabledIfSystemProperty(named = "test.sandbox.backend", matches = "bwrap")
class DockerEngineIT extends SandboxIntegrationTest {

    @Autowired
    private DockerClient docker;

    @Autowired
    private List<ApplicationRunner> runners;

    @Test
    void startUpSweepRemovesContainersAndVolumesLeftByAKilledInstance() throws Exception {
        var labels = Map.of("dev.coderunner.managed", "true", "dev.coderunner.instance", INSTANCE);
        String orphan = docker.createContainerCmd("code-runner/python:3.11").withCmd("sleep", "600")
                .withLabels(labels).exec().getId();
        docker.startContainerCmd(orphan).exec();
        String orphanVolume = docker.createVolumeCmd().withLabels(labels).exec().getName();

        for (ApplicationRunner runner : runners) {
            runner.run(new DefaultApplicationArguments());
        }

        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec())
                .extracting(Container::getId).doesNotContain(orphan);
        assertThat(docker.listVolumesCmd().exec().getVolumes()).noneMatch(v -> v.getName().equals(orphanVolume));
    }
}
