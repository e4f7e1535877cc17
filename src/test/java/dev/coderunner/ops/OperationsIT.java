package dev.coderunner.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import dev.coderunner.support.Api;
import dev.coderunner.support.EngineIndependent;
import dev.coderunner.support.SandboxIntegrationTest;

/** What an operator looks at: probes, Prometheus metrics that move with runs. */
@EngineIndependent
class OperationsIT extends SandboxIntegrationTest {

    @Test
    void probesArePublicAndSayLiveAndReady() {
        var live = api.get("/livez", null);
        var ready = api.get("/readyz", null);

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.text("status")).isEqualTo("UP");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.text("status")).isEqualTo("UP");
    }

    @Test
    void prometheusNeedsAKeyOrBearerAndItsCountsMoveWithRuns() {
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        double before = runs(scrape(), "OK");

        api.run("python", "print('counted')");
        api.run("python", "raise SystemExit(3)");

        String after = scrape();
        assertThat(runs(after, "OK")).isEqualTo(before + 1);
        assertThat(runs(after, "RUNTIME_ERROR")).isGreaterThanOrEqualTo(1);
        assertThat(after).contains("coderunner_runs_stage_seconds_count{", "stage=\"run\"",
                "coderunner_pool_idle{", "coderunner_runs_refused_total{", "reason=\"queue-full\"",
                "jvm_memory_used_bytes", "tomcat_sessions", "process_cpu_usage");
    }

    private String scrape() {
        var reply = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + Api.KEY).GET().build());
        assertThat(reply.status()).isEqualTo(200);
        return reply.raw();
    }

    /** The count of python runs with this status on this engine, from the exposition text. */
    private static double runs(String exposition, String status) {
        return exposition.lines().filter(line -> line.startsWith("coderunner_runs_seconds_count{")
                        && line.contains("language=\"python\"") && line.contains("status=\"" + status + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
