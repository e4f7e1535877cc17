package dev.coderunner.sandbox.docker;

import java.util.List;
import java.util.Map;

/**
 * The labels on every container and volume the service creates: which service made it, which
 * instance (by name), and which run of that instance, so a sweep tells a dead run's leftovers from
 * a live one's. A run's lease container carries {@link #LEASE} as well.
 */
record DockerLabels(String instance, String run) {

    static final String MANAGED = "dev.coderunner.managed";
    static final String INSTANCE = "dev.coderunner.instance";
    static final String RUN = "dev.coderunner.run";
    static final String LEASE = "dev.coderunner.lease";

    Map<String, String> asMap() {
        return Map.of(MANAGED, "true", INSTANCE, instance, RUN, run);
    }

    Map<String, String> lease() {
        return Map.of(MANAGED, "true", INSTANCE, instance, RUN, run, LEASE, "true");
    }

    /** Filter expressions ({@code key=value}) matching what any run of this instance created. */
    List<String> instanceFilter() {
        return List.of(MANAGED + "=true", INSTANCE + "=" + instance);
    }
}
