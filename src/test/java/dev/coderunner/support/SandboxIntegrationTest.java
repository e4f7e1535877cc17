package dev.coderunner.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Base of the integration tests: the whole service on a random port, on the real sandbox engine
 * named by the system property {@code test.sandbox.backend} ({@code docker}, the default, or
 * {@code bwrap}; Maven's verify runs the suite once per engine), with the real runtime images
 * and warm pools on (one sandbox per language). Each class gets its own service: after the class
 * the service is shut down, and nothing it created, warm pools included, may remain. A subclass
 * needing other settings adds them with {@code @TestPropertySource(properties = ...)}, which keeps
 * these and wins over them; it must not declare its own {@code @SpringBootTest}, which would drop them.
 */
@DirtiesContext
@TestExecutionListeners(listeners = SandboxIntegrationTest.NothingLeftBehind.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
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
        SandboxIntegrationTest.RUNTIME,
        SandboxIntegrationTest.POOLS,
})
public abstract class SandboxIntegrationTest {

    public static final String KEY = "code-runner.api.api-keys=" + Api.KEY;
    public static final String BACKEND = "code-runner.sandbox.backend=${test.sandbox.backend:docker}";
    /** The Docker engine's OCI runtime: empty for its default, {@code runsc} in the gVisor execution. */
    public static final String RUNTIME = "code-runner.docker.runtime=${test.docker.runtime:}";
    public static final String INSTANCE = "code-runner-it";
    public static final String DOCKER_INSTANCE = "code-runner.docker.instance=" + INSTANCE;
    public static final String BWRAP_CGROUP = "code-runner.bwrap.cgroup-name=" + INSTANCE;
    public static final String BWRAP_WORK_DIR = "code-runner.bwrap.work-dir=/run/" + INSTANCE;
    /** Warm pools on, one sandbox per language: enough to exercise them, cheap to start and stop. */
    public static final String POOLS = "code-runner.pool.size=1";


    @LocalServerPort
    private int port;

    protected Api api;

    public static String engine() {
        return System.getProperty("test.sandbox.backend", "docker");
    }

    /** Docker with its default runtime: where {@link EngineIndependent} tests run. */
    public static boolean onTheDefaultEngine() {
        return engine().equals("docker") && System.getProperty("test.docker.runtime", "").isEmpty();
    }

    protected int port() {
        return port;
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    /**
     * Runs after the service of a test class has been shut down (after @DirtiesContext closed it:
     * listeners' after-class steps run in reverse order, and this one has the highest precedence),
     * so warm pools have been destroyed as on a real shutdown.
     */
    public static final class NothingLeftBehind implements TestExecutionListener, Ordered {

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public void afterTestClass(TestContext testContext) throws IOException {
            if (engine().equals("bwrap")) {
                assertThat(HostCgroups.all(INSTANCE)).as("cgroups left behind").isEmpty();
                assertThat(entries(Path.of("/run", INSTANCE))).as("workspaces or locks left behind").isEmpty();
                return;
            }
            try (DockerClient docker = dockerClient()) {
                assertNothingLeftIn(docker);
            }
        }
    }

    /** A Docker client of the test's own: the service's is closed with the service. */
    protected static DockerClient dockerClient() {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).build());
    }

    private static void assertNothingLeftIn(DockerClient docker) {
        var labels = Map.of("dev.coderunner.instance", INSTANCE);
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec())
                .as("containers left behind").isEmpty();
        var volumes = docker.listVolumesCmd().withFilter("label", List.of("dev.coderunner.instance=" + INSTANCE))
                .exec().getVolumes();
        assertThat(volumes == null ? List.of() : volumes).as("volumes left behind").isEmpty();
    }

    private static List<String> entries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString()).toList();
        }
    }
}
