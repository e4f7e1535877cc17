package dev.coderunner.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.dockerjava.api.DockerClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the integration tests: the whole service on a random port, on the real sandbox engine
 * named by the system property {@code test.sandbox.backend} ({@code docker}, the default, or
 * {@code bwrap}; Maven's verify runs the suite once per engine), with the real runtime images.
 * After each class, nothing the service created may remain.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        SandboxIntegrationTest.KEY, SandboxIntegrationTest.BACKEND, SandboxIntegrationTest.DOCKER_INSTANCE,
        SandboxIntegrationTest.BWRAP_CGROUP, SandboxIntegrationTest.BWRAP_WORK_DIR,
        "code-runner.execution.default-timeout=10s",
        "code-runner.execution.max-timeout=30s",
        "code-runner.execution.memory=256MB",
        "code-runner.execution.pids=64",
        "code-runner.execution.output-limit=64KB",
        "code-runner.execution.concurrency.max-running=4",
        "code-runner.execution.concurrency.queue-capacity=16",
})
public abstract class SandboxIntegrationTest {

    public static final String KEY = "code-runner.api.api-keys=" + Api.KEY;
    public static final String BACKEND = "code-runner.sandbox.backend=${test.sandbox.backend:docker}";
    public static final String INSTANCE = "code-runner-it";
    public static final String DOCKER_INSTANCE = "code-runner.docker.instance=" + INSTANCE;
    public static final String BWRAP_CGROUP = "code-runner.bwrap.cgroup-name=" + INSTANCE;
    public static final String BWRAP_WORK_DIR = "code-runner.bwrap.work-dir=/run/" + INSTANCE;

    private static DockerClient lastDocker;

    @LocalServerPort
    private int port;

    @Autowired
    private ObjectProvider<DockerClient> dockerClient;

    protected Api api;

    public static String engine() {
        return System.getProperty("test.sandbox.backend", "docker");
    }

    protected int port() {
        return port;
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        lastDocker = dockerClient.getIfAvailable();
    }

    @AfterAll
    static void nothingCreatedRemains() throws IOException {
        if (engine().equals("bwrap")) {
            assertThat(children(Path.of("/sys/fs/cgroup/memory", INSTANCE))).as("cgroups left behind").isEmpty();
            assertThat(children(Path.of("/sys/fs/cgroup/pids", INSTANCE))).as("cgroups left behind").isEmpty();
            assertThat(children(Path.of("/run", INSTANCE)).stream().filter(name -> name.startsWith("ws-")))
                    .as("workspaces left behind").isEmpty();
            return;
        }
        if (lastDocker == null) {
            return;
        }
        var labels = Map.of("dev.coderunner.instance", INSTANCE);
        assertThat(lastDocker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec())
                .as("containers left behind").isEmpty();
        var volumes = lastDocker.listVolumesCmd().withFilter("label", List.of("dev.coderunner.instance=" + INSTANCE))
                .exec().getVolumes();
        assertThat(volumes == null ? List.of() : volumes).as("volumes left behind").isEmpty();
    }

    private static List<String> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(path -> path.getFileName().toString()).toList();
        }
    }
}
