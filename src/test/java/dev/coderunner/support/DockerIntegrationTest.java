package dev.coderunner.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.github.dockerjava.api.DockerClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the integration tests: the whole service on a random port, talking to the real Docker
 * engine and the real runtime images. After each class, nothing the service labelled may remain.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "code-runner.api.api-keys=" + Api.KEY,
        "code-runner.docker.instance=" + DockerIntegrationTest.INSTANCE,
        "code-runner.execution.default-timeout=10s",
        "code-runner.execution.max-timeout=30s",
        "code-runner.execution.memory=256MB",
        "code-runner.execution.pids=64",
        "code-runner.execution.output-limit=64KB",
        "code-runner.execution.concurrency.max-running=4",
        "code-runner.execution.concurrency.queue-capacity=16",
})
public abstract class DockerIntegrationTest {

    public static final String INSTANCE = "code-runner-it";
    private static DockerClient lastDocker;

    @LocalServerPort
    private int port;

    @Autowired
    protected DockerClient docker;

    protected Api api;

    protected int port() {
        return port;
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        lastDocker = docker;
    }

    @AfterAll
    static void nothingLabelledRemains() {
        if (lastDocker == null) {
            return;
        }
        var labels = Map.of("dev.coderunner.instance", INSTANCE);
        assertThat(lastDocker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec())
                .as("containers left behind").isEmpty();
        var volumes = lastDocker.listVolumesCmd().withFilter("label", java.util.List.of("dev.coderunner.instance=" + INSTANCE))
                .exec().getVolumes();
        assertThat(volumes == null ? java.util.List.of() : volumes).as("volumes left behind").isEmpty();
    }
}
