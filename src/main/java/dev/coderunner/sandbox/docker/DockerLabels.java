package dev.coderunner.sandbox.docker;

import java.util.List;
import java.util.Map;

/** The labels on every container and volume the service creates, so leftovers can be found. */
record DockerLabels(String instance) {

    static final String MANAGED = "dev.coderunner.managed";
    static final String INSTANCE = "dev.coderunner.instance";

    Map<String, String> asMap() {
        return Map.of(MANAGED, "true", INSTANCE, instance);
    }

    /** Filter expressions ({@code key=value}) matching what this instance created. */
    List<String> filter() {
        return List.of(MANAGED + "=true", INSTANCE + "=" + instance);
    }
}
