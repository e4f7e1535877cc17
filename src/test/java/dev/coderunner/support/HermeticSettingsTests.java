package dev.coderunner.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite's result must not depend on the machine: a child JVM with the test class path, in a
 * working directory holding a {@code .env} and a {@code languages.local.yml}, with the service's
 * environment variables set, still sees the configured defaults, and the settings a test gives
 * itself.
 */
class HermeticSettingsTests {

    @TempDir
    Path workingDirectory;

    @Test
    void neitherDotEnvNorLanguagesLocalNorEnvironmentVariablesReachTheTests() throws Exception {
        Files.writeString(workingDirectory.resolve(".env"), """
                EXECUTION_API_KEY=key-from-dotenv
                SANDBOX_BACKEND=bwrap
                MEMORY_LIMIT=17MB
                POOL_SIZE=9
                """);
        Files.writeString(workingDirectory.resolve("languages.local.yml"), """
                code-runner:
                  languages:
                    cobol:
                      name: COBOL
                    python:
                      image: somewhere/else:1
                """);

        String seen = probe("--code-runner.pool.size=3");

        assertThat(seen).contains("code-runner.api.api-keys=\n", "code-runner.sandbox.backend=docker\n",
                "code-runner.execution.memory=256MB\n", "code-runner.execution.pids=64\n",
                "code-runner.languages.cobol.name=<unset>\n",
                "code-runner.languages.python.image=code-runner/python:3.11\n");
        assertThat(seen).as("a test's own setting still wins").contains("code-runner.pool.size=3\n");
    }

    private String probe(String... args) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, SettingsProbe.class.getName()));
        command.addAll(java.util.List.of(args));
        var builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment().put("EXECUTION_API_KEY", "key-from-environment");
        builder.environment().put("SANDBOX_BACKEND", "bwrap");
        builder.environment().put("PIDS_LIMIT", "9");
        builder.environment().put("LANGUAGES_FILE", workingDirectory.resolve("languages.local.yml").toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }
}
