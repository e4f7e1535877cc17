package dev.coderunner.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes refers only to things that exist: the ports, probe paths and settings the
 * service has, the Deployment the autoscaler and the disruption budget name, the Redis service
 * REDIS_URL points at, the files the kustomization lists.
 */
class KubernetesManifestsTests {

    private static final Path DIR = Path.of("deploy/kubernetes");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(String file) throws IOException {
        var documents = new ArrayList<Map<String, Object>>();
        for (Object document : new Yaml().loadAll(Files.readString(DIR.resolve(file)))) {
            documents.add((Map<String, Object>) document);
        }
        return documents;
    }

    private static Map<String, Object> only(String file, String kind) throws IOException {
        return documents(file).stream().filter(d -> kind.equals(d.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no " + kind));
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            current = current instanceof List<?> list ? list.get(Integer.parseInt(step)) : ((Map<String, Object>) current).get(step);
        }
        return (T) current;
    }

    private static String applicationYaml() throws IOException {
        return Files.readString(Path.of("src/main/resources/application.yml"));
    }

    @Test
    void theKustomizationListsEveryManifestAndOnlyThose() throws IOException {
        List<String> listed = at(only("kustomization.yaml", "Kustomization"), "resources");
        for (String file : listed) {
            assertThat(DIR.resolve(file)).exists();
        }
        assertThat(listed).containsExactlyInAnyOrder("redis.yaml", "deployment.yaml", "service.yaml", "hpa.yaml", "pdb.yaml");
    }

    @Test
    void probesPortsAndSettingsAreTheServicesOwn() throws IOException {
        var deployment = only("deployment.yaml", "Deployment");
        Map<String, Object> container = at(deployment, "spec", "template", "spec", "containers", "0");
        int port = at(container, "ports", "0", "containerPort");
        String portName = at(container, "ports", "0", "name");
        List<Map<String, Object>> env = at(container, "env");

        assertThat(env).filteredOn(e -> "PORT".equals(e.get("name"))).extracting(e -> e.get("value")).containsExactly(String.valueOf(port));
        assertThat(applicationYaml()).contains("add-additional-paths: true");
        assertThat((String) at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/readyz");
        assertThat((String) at(container, "startupProbe", "httpGet", "path")).isEqualTo("/readyz");
        assertThat((String) at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/livez");
        for (String probe : List.of("readinessProbe", "startupProbe", "livenessProbe")) {
            assertThat((Object) at(container, probe, "httpGet", "port")).isEqualTo(portName);
        }
        // Every setting the pod is given is one the service reads: a placeholder of application.yml,
        // or read before the configuration is (LOG_FORMAT).
        var placeholders = new ArrayList<>(Pattern.compile("\\$\\{([A-Z_]+):").matcher(applicationYaml()).results()
                .map(m -> m.group(1)).toList());
        placeholders.addAll(Pattern.compile("getProperty\\(\"([A-Z_]+)\"").matcher(
                Files.readString(Path.of("src/main/java/dev/coderunner/config/LogFormat.java"))).results().map(m -> m.group(1)).toList());
        assertThat(env).extracting(e -> (String) e.get("name")).allSatisfy(name -> assertThat(placeholders).contains(name));

        var secret = only("secret.example.yaml", "Secret");
        Map<String, Object> key = env.stream().filter(e -> "EXECUTION_API_KEY".equals(e.get("name"))).findFirst().orElseThrow();
        assertThat((String) at(key, "valueFrom", "secretKeyRef", "name")).isEqualTo(at(secret, "metadata", "name"));
        assertThat((Map<String, Object>) at(secret, "stringData")).containsKey(at(key, "valueFrom", "secretKeyRef", "key"));
    }

    @Test
    void theServiceTheAutoscalerAndTheBudgetSelectTheDeployment() throws IOException {
        var deployment = only("deployment.yaml", "Deployment");
        Map<String, Object> labels = at(deployment, "spec", "template", "metadata", "labels");
        var service = only("service.yaml", "Service");
        assertThat((Map<String, Object>) at(service, "spec", "selector")).isEqualTo(labels);
        assertThat((Object) at(service, "spec", "ports", "0", "targetPort"))
                .isEqualTo(at(deployment, "spec", "template", "spec", "containers", "0", "ports", "0", "name"));

        var hpa = only("hpa.yaml", "HorizontalPodAutoscaler");
        assertThat((String) at(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
        assertThat((String) at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(at(deployment, "metadata", "name"));
        assertThat((int) at(hpa, "spec", "minReplicas")).isGreaterThanOrEqualTo(2);

        var pdb = only("pdb.yaml", "PodDisruptionBudget");
        assertThat((Map<String, Object>) at(pdb, "spec", "selector", "matchLabels")).isEqualTo(labels);
        assertThat((int) at(pdb, "spec", "minAvailable")).isLessThan(at(hpa, "spec", "minReplicas"));
    }

    @Test
    void redisUrlPointsAtTheRedisService() throws IOException {
        List<Map<String, Object>> env = at(only("deployment.yaml", "Deployment"), "spec", "template", "spec", "containers", "0", "env");
        String url = env.stream().filter(e -> "REDIS_URL".equals(e.get("name"))).map(e -> (String) e.get("value"))
                .findFirst().orElseThrow();
        var redis = only("redis.yaml", "Service");
        assertThat(url).isEqualTo("redis://" + at(redis, "metadata", "name") + ":" + at(redis, "spec", "ports", "0", "port"));
        var redisDeployment = only("redis.yaml", "Deployment");
        assertThat((Map<String, Object>) at(redis, "spec", "selector"))
                .isEqualTo(at(redisDeployment, "spec", "template", "metadata", "labels"));
        assertThat((Object) at(redis, "spec", "ports", "0", "targetPort"))
                .isEqualTo(at(redisDeployment, "spec", "template", "spec", "containers", "0", "ports", "0", "name"));
    }
}
