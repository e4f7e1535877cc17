package dev.coderunner.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The host's dockerd, which the project's own scripts start (scripts/start-docker.sh), so a test
 * may stop, freeze and restart it. Whoever uses it must leave dockerd running.
 */
public final class DockerDaemon {

    private DockerDaemon() {
    }

    /** SIGTERM, as a package upgrade or an operator would stop it; returns once it is gone. */
    public static void stop() throws IOException, InterruptedException {
        long pid = pid();
        run("kill", "-TERM", String.valueOf(pid));
        await().atMost(Duration.ofSeconds(60)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    public static void start() throws IOException, InterruptedException {
        if (run("scripts/start-docker.sh") != 0) {
            throw new IllegalStateException("scripts/start-docker.sh could not start dockerd");
        }
    }

    /** SIGSTOP: the socket still accepts connections, but nothing answers: a stuck dockerd. */
    public static void freeze() throws IOException, InterruptedException {
        run("kill", "-STOP", String.valueOf(pid()));
    }

    public static void thaw() throws IOException, InterruptedException {
        run("kill", "-CONT", String.valueOf(pid()));
    }

    private static long pid() throws IOException, InterruptedException {
        var pgrep = new ProcessBuilder("pgrep", "-x", "dockerd").start();
        String out = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        pgrep.waitFor(10, TimeUnit.SECONDS);
        if (out.isEmpty()) {
            throw new IllegalStateException("no dockerd is running");
        }
        return Long.parseLong(out.lines().findFirst().orElseThrow());
    }

    private static int run(String... command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        return process.exitValue();
    }
}
