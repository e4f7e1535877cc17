package dev.coderunner.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The service's own jar, started as a separate process in a session of its own (so it can be
 * signalled as a process group, or killed with SIGKILL, as an operator or the kernel would), in an
 * empty working directory, configured only through its environment.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Api api;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.api = new Api(port);
        this.log = log;
    }

    /** Starts the service with these settings (on top of a key and a free port) and waits until it is healthy. */
    public static ServiceProcess start(Map<String, String> settings) throws IOException {
        int port = freePort();
        Path workingDirectory = Files.createTempDirectory("code-runner-service");
        Path log = workingDirectory.resolve("service.log");
        var builder = new ProcessBuilder("setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString())
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        var environment = builder.environment();
        environment.keySet().removeIf(name -> !List.of("PATH", "HOME", "LANG").contains(name));
        environment.put("EXECUTION_API_KEY", Api.KEY);
        environment.put("PORT", String.valueOf(port));
        environment.putAll(settings);
        var service = new ServiceProcess(builder.start(), port, log);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!service.process.isAlive()) {
                throw new IllegalStateException("the service exited at start-up:\n" + service.log());
            }
            return service.healthy();
        });
        return service;
    }

    private boolean healthy() {
        try {
            return api.get("/health", null).status() == 200;
        } catch (RuntimeException notYetListening) {
            return false;
        }
    }

    public Api api() {
        return api;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The id everything this instance run creates carries. */
    public String run() {
        return api.get("/health", Api.KEY).text("run");
    }

    /** SIGTERM to the whole process group, as Ctrl-C or a process supervisor would send it. */
    public void terminateGroup() throws IOException, InterruptedException {
        signalGroup("TERM");
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void signalGroup(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid()).inheritIO().start().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(path -> path.getFileName().toString().matches("code-runner-.*\\.jar")).map(Path::toAbsolutePath)
                    .findFirst().orElseThrow(() -> new IllegalStateException("package the service first: no jar in target/"));
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
