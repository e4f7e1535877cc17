package dev.coderunner.sandbox.docker;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.coderunner.sandbox.RunContext;

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
    static final String EXECUTION = "dev.coderunner.execution";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** After the prefix: the run id, then the random part; anything else is another instance's. */
    private static final Pattern VOLUME_SUFFIX = Pattern.compile("(r[0-9a-f]{12})-[0-9a-f]{16}");

    Map<String, String> asMap() {
        return Map.of(MANAGED, "true", INSTANCE, instance, RUN, run);
    }

    /** A command's container also names the run it was made for, when it was made for one. */
    Map<String, String> forContainer() {
        return RunContext.executionId()
                .map(id -> Map.of(MANAGED, "true", INSTANCE, instance, RUN, run, EXECUTION, id))
                .orElseGet(this::asMap);
    }

    Map<String, String> lease() {
        return Map.of(MANAGED, "true", INSTANCE, instance, RUN, run, LEASE, "true");
    }

    /**
     * A new volume's name: Docker recreates a volume, unlabelled, when a container that names it
     * is created after it was removed (a create that completed late, across an engine restart), so
     * the name alone must say whose it is.
     */
    String newVolumeName() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return volumePrefix() + run + "-" + HexFormat.of().formatHex(random);
    }

    /** What every volume name of this instance starts with. */
    String volumePrefix() {
        return "coderunner-" + instance + "-";
    }

    /** The run a volume of this instance belongs to, from its labels or else its name; null if neither says. */
    String runOfVolume(String name, Map<String, String> volumeLabels) {
        String labelled = volumeLabels == null ? null : volumeLabels.get(RUN);
        if (labelled != null) {
            return labelled;
        }
        if (name == null || !name.startsWith(volumePrefix())) {
            return null;
        }
        var parts = VOLUME_SUFFIX.matcher(name.substring(volumePrefix().length()));
        return parts.matches() ? parts.group(1) : null;
    }

    /** Filter expressions ({@code key=value}) matching what any run of this instance created. */
    List<String> instanceFilter() {
        return List.of(MANAGED + "=true", INSTANCE + "=" + instance);
    }
}
