package dev.coderunner.api;

import static dev.coderunner.support.Api.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.coderunner.support.Api;
import dev.coderunner.support.HostCgroups;
import dev.coderunner.support.SandboxIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Warm pools on the real engine: every language runs from a sandbox started ahead, and a program
 * cannot tell a warm start from a cold one. A request with a lowered memory limit does not match
 * the pool's default plan, so it runs cold: the comparisons pit the two against each other.
 */
class WarmPoolIT extends SandboxIntegrationTest {

    private static final Duration POOL_FILL = Duration.ofSeconds(90);
    /** Below the 256 MB test default: a different plan, hence a cold sandbox, invisible to the program. */
    private static final Map<String, Object> COLD = Map.of("memory_limit_mb", 200);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.coderunner.api.LanguageConformanceIT#languages")
    void everyLanguageRunsWarm(LanguageConformanceIT.Sample sample) {
        awaitPoolFull(sample.language());

        var reply = api.run(sample.language(), sample.program("hello"));

        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("OK");
        assertThat(reply.text("output")).isEqualTo("Hello World\n");
        assertThat(reply.body().path("warm_start").asBoolean()).as(reply.raw()).isTrue();
    }

    /**
     * A failing program and, for a compiled language, a program that does not compile: the warm
     * sandbox (a started interpreter or compiler on bubblewrap) answers byte for byte as a cold one.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.coderunner.api.LanguageConformanceIT#languages")
    void everyLanguageFailsAndMisCompilesTheSameWarmOrCold(LanguageConformanceIT.Sample sample) {
        var failed = runWarmThenCold(sample.language(), sample.program("fail"));
        assertThat(failed.body().path("exit_code").asInt()).isEqualTo(sample.programs().get("exit-code"));
        if (sample.programs().containsKey("compile-error")) {
            var refused = runWarmThenCold(sample.language(), sample.program("compile-error"));
            assertThat(refused.text("status")).isEqualTo("COMPILE_ERROR");
            assertThat(refused.text("output")).contains((String) sample.programs().get("compile-message"));
        }
    }

    @Test
    void pythonCannotTellAWarmInterpreterFromAFreshOne() {
        String probe = """
                import os, sys, resource
                print(sys.argv, sys.orig_argv, sys.path[0], __file__, __name__, type(__loader__).__name__, __spec__)
                print(sorted(globals()), __doc__, sys.flags)
                print([(k, v) for k, v in os.environ.items() if k != "HOSTNAME"])
                print(os.getcwd(), os.getuid(), os.getgid(), os.listdir("."))
                print([resource.getrlimit(r) for r in (resource.RLIMIT_CPU, resource.RLIMIT_NOFILE,
                       resource.RLIMIT_FSIZE, resource.RLIMIT_NPROC, resource.RLIMIT_CORE)])
                print(repr(sys.stdin.read()), sorted(sys.modules))
                sys.stdout.flush()
                raise ValueError("boom")
                """;
        var warm = runWarmThenCold("python", probe);

        assertThat(warm.text("stdout")).contains("['main.py'] ['python3', 'main.py'] /workspace /workspace/main.py "
                + "__main__ SourceFileLoader None", "'line one\\nline two\\n'");
        assertThat(warm.text("stderr")).isEqualTo("""
                Traceback (most recent call last):
                  File "/workspace/main.py", line 10, in <module>
                    raise ValueError("boom")
                ValueError: boom
                """);
        assertThat(warm.body().path("exit_code").asInt()).isEqualTo(1);
    }

    /** On bubblewrap a warm Node has run its preload; the entry file still loads as `node main.js` loads it. */
    @Test
    void javascriptCannotTellAWarmNodeFromAFreshOne() {
        String probe = """
                const fs = require('fs');
                console.log(JSON.stringify([process.argv, process.execArgv, require.main === module, module.id,
                    Object.keys(require.cache), module.paths, __filename, typeof process._eval]));
                console.log(JSON.stringify(Object.entries(process.env).filter(([k]) => k !== 'HOSTNAME')));
                console.log(JSON.stringify([process.cwd(), process.getuid(), fs.readdirSync('.')]));
                console.log(JSON.stringify(fs.readFileSync(0, 'utf8')));
                function deep() { throw new TypeError('boom'); }
                deep();
                """;
        var warm = runWarmThenCold("javascript", probe);

        assertThat(warm.text("stdout")).contains("[[\"/usr/bin/node\",\"/workspace/main.js\"],[],true,\".\",[\"/workspace/main.js\"]",
                "\"line one\\nline two\\n\"");
        assertThat(warm.text("stderr")).contains("/workspace/main.js:7\n", "TypeError: boom\n    at deep (/workspace/main.js:7:25)",
                "at node:internal/main/run_main_module");
        assertThat(warm.body().path("exit_code").asInt()).isEqualTo(1);
    }

    /** On bubblewrap a warm Ruby has run its loader; the program still runs as `ruby main.rb`'s main script. */
    @Test
    void rubyCannotTellAWarmInterpreterFromAFreshOne() {
        String probe = """
                p [$0, __FILE__, $PROGRAM_NAME, __dir__, ARGV, __method__, self.to_s, __FILE__ == $0]
                p [TOPLEVEL_BINDING.local_variables, local_variables, $LOADED_FEATURES.size, Object.private_instance_methods(false).sort]
                p ENV.to_h.reject { |k, _| k == "HOSTNAME" }, Dir.pwd, Process.uid, Dir.children(".").sort
                p STDIN.read, DATA.read
                def fetch(item) = item.name
                begin
                  Integer("x")
                rescue ArgumentError
                  fetch(nil)
                end
                __END__
                after the end
                """;
        var warm = runWarmThenCold("ruby", probe);

        assertThat(warm.text("stdout")).contains("[\"main.rb\", \"main.rb\", \"main.rb\", \"/workspace\", [], nil, \"main\", true]",
                "\"line one\\nline two\\n\"", "\"after the end\\n\"");
        assertThat(warm.text("stderr")).startsWith("main.rb:5:in `fetch': undefined method `name' for nil:NilClass (NoMethodError)\n\n"
                + "def fetch(item) = item.name\n                      ^^^^^\n\tfrom main.rb:9:in `rescue in <main>'\n"
                + "\tfrom main.rb:6:in `<main>'\n").contains("main.rb:7:in `Integer': invalid value for Integer(): \"x\" (ArgumentError)")
                .doesNotContain("ruby-warm");
        assertThat(warm.body().path("exit_code").asInt()).isEqualTo(1);

        var unparsed = runWarmThenCold("ruby", "puts 1\ndef broken(\n");
        assertThat(unparsed.text("stderr")).startsWith("main.rb:2: syntax error, unexpected end-of-input");
        var exited = runWarmThenCold("ruby", "at_exit { puts \"bye\" }\nexit 3\n");
        assertThat(exited.text("stdout")).isEqualTo("bye\n");
        assertThat(exited.body().path("exit_code").asInt()).isEqualTo(3);
    }

    @Test
    void theDataEntryHasItsModulesImportedAheadAndOtherwiseAnswersAsPython() {
        String program = """
                import sys
                print("pandas" in sys.modules, sorted(k for k in globals() if not k.startswith("__")))
                import pandas as pd
                print(pd.DataFrame({"a": [1, 2, 3]}).a.sum())
                """;
        assumeTrue(engine().equals("bwrap"), "warm interpreters are the bubblewrap engine's");
        awaitPoolFull("python-data");
        var warm = api.run("python-data", program);
        var coldRequest = request("language", "python-data", "code", program);
        coldRequest.putAll(COLD);
        var cold = api.execute(coldRequest);

        assertThat(warm.body().path("warm_start").asBoolean()).as(warm.raw()).isTrue();
        assertThat(cold.body().path("warm_start").asBoolean()).as(cold.raw()).isFalse();
        assertThat(warm.text("stdout")).as("the one difference a program can see").isEqualTo("True ['sys']\n6\n");
        assertThat(cold.text("stdout")).as(cold.raw()).isEqualTo("False ['sys']\n6\n");
        assertThat(api.run("python", "import sys; print('pandas' in sys.modules)").text("stdout"))
                .as("plain Python preloads nothing").isEqualTo("False\n");
    }

    @Test
    void aShellProgramSeesTheSameProcessEnvironmentWarmOrCold() {
        String probe = """
                env | grep -v '^HOSTNAME='
                echo "$0" "$#" "$PWD"
                ulimit -a
                id
                ls /proc/self/fd
                cat
                """;
        var warm = runWarmThenCold("bash", probe);

        assertThat(warm.text("stdout")).contains("main.sh 0 /workspace", "line one\nline two\n");
    }

    @Test
    void aCompiledProgramSeesTheSameProcessEnvironmentWarmOrCold() {
        String probe = """
                #include <stdio.h>
                #include <string.h>
                #include <unistd.h>
                extern char **environ;
                int main(int argc, char **argv) {
                    for (int i = 0; i < argc; i++) printf("argv[%d]=%s\\n", i, argv[i]);
                    for (char **e = environ; *e; e++) if (strncmp(*e, "HOSTNAME=", 9)) printf("%s\\n", *e);
                    char cwd[256];
                    printf("cwd=%s uid=%d\\n", getcwd(cwd, sizeof cwd), (int) getuid());
                    for (int c; (c = getchar()) != EOF; ) putchar(c);
                    return 3;
                }
                """;
        var warm = runWarmThenCold("c", probe);

        assertThat(warm.text("stdout")).contains("argv[0]=./main\n", "cwd=/workspace uid=10001", "line one\nline two\n");
        assertThat(warm.body().path("exit_code").asInt()).isEqualTo(3);
    }

    @Test
    void aJavaClassWithAPackageLineRunsByItsQualifiedNameWarmAndCold() {
        String program = """
                package com.example.app;

                public class Main {
                    public static void main(String[] args) {
                        System.out.println(Main.class.getName() + " " + args.length);
                    }
                }
                """;
        var warm = runWarmThenCold("java", program);

        assertThat(warm.text("stdout")).as(warm.raw()).isEqualTo("com.example.app.Main 0\n");
        var withArgs = api.execute(request("language", "java", "code", program, "args", List.of("a", "@b")));
        assertThat(withArgs.text("stdout")).as("arguments are never read as @files").isEqualTo("com.example.app.Main 2\n");
    }

    @Test
    void healthAndMetricsShowThePools() {
        awaitPoolFull("python");
        long hits = pool("python").path("hits").asLong();
        api.run("python", "print(1)");

        var python = pool("python");
        assertThat(python.path("size").asInt()).isEqualTo(1);
        assertThat(python.path("hits").asLong()).isEqualTo(hits + 1);
        var metric = api.get("/actuator/metrics/coderunner.pool.hits?tag=language:python", Api.KEY);
        assertThat(metric.status()).as(metric.raw()).isEqualTo(200);
        assertThat(metric.body().path("measurements").get(0).path("value").asDouble()).isEqualTo(hits + 1.0);
        assertThat(api.get("/actuator/metrics/coderunner.pool.idle", null).status())
                .as("metrics need the API key").isEqualTo(401);
    }

    @Test
    void warmSandboxesKilledFromOutsideAreReplacedAndNeverUsed() throws IOException {
        awaitPoolFull("python");
        awaitPoolFull("javascript");
        long started = pool("javascript").path("started").asLong();

        killEverythingIdle();

        var reply = api.run("python", "print('still here')");
        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("OK");
        assertThat(reply.text("output")).isEqualTo("still here\n");
        // The dead one is noticed and replaced in the background.
        await().atMost(POOL_FILL).until(() -> pool("javascript").path("started").asLong() > started
                && pool("javascript").path("idle").asInt() == 1);
        var again = api.run("javascript", "console.log('back')");
        assertThat(again.text("output")).as(again.raw()).isEqualTo("back\n");
        assertThat(again.body().path("warm_start").asBoolean()).isTrue();
    }

    /** Runs the probe warm, then cold (lowered memory limit), and asserts both saw the same world. */
    private Api.Reply runWarmThenCold(String language, String probe) {
        awaitPoolFull(language);
        var warm = api.execute(request("language", language, "code", probe, "stdin", "line one\nline two\n"));
        var coldRequest = request("language", language, "code", probe, "stdin", "line one\nline two\n");
        coldRequest.putAll(COLD);
        var cold = api.execute(coldRequest);

        assertThat(warm.body().path("warm_start").asBoolean()).as(warm.raw()).isTrue();
        assertThat(cold.body().path("warm_start").asBoolean()).as(cold.raw()).isFalse();
        assertThat(warm.text("status")).as(cold.raw()).isEqualTo(cold.text("status"));
        assertThat(warm.text("stdout")).as(cold.raw()).isEqualTo(cold.text("stdout"));
        assertThat(warm.text("stderr")).as(cold.raw()).isEqualTo(cold.text("stderr"));
        assertThat(warm.body().path("exit_code").asInt()).isEqualTo(cold.body().path("exit_code").asInt());
        return warm;
    }

    private void awaitPoolFull(String language) {
        await().atMost(POOL_FILL).until(() -> pool(language).path("idle").asInt() == pool(language).path("size").asInt());
    }

    private JsonNode pool(String language) {
        for (JsonNode pool : api.get("/health", Api.KEY).body().path("pools")) {
            if (pool.path("name").asString().equals(language)) {
                return pool;
            }
        }
        throw new AssertionError("no pool for " + language);
    }

    /** Kills every process of every idle warm sandbox, the way an operator or the OOM killer might. */
    private static void killEverythingIdle() throws IOException {
        if (engine().equals("bwrap")) {
            for (Path group : HostCgroups.commands(INSTANCE)) {
                try {
                    for (String pid : Files.readAllLines(group.resolve("cgroup.procs"))) {
                        ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                } catch (NoSuchFileException removedMeanwhile) {
                    // An answered run's cgroup, torn down after its answer.
                }
            }
            return;
        }
        try (DockerClient docker = dockerClient()) {
            for (var container : docker.listContainersCmd().withLabelFilter(Map.of("dev.coderunner.instance", INSTANCE)).exec()) {
                if (container.getLabels().containsKey("dev.coderunner.lease")) {
                    continue;
                }
                try {
                    docker.killContainerCmd(container.getId()).exec();
                } catch (ConflictException | NotFoundException stoppedMeanwhile) {
                    // A finished run's container, on its way out.
                }
            }
        }
    }
}
