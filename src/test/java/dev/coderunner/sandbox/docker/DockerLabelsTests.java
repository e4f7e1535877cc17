package dev.coderunner.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DockerLabelsTests {

    private final DockerLabels labels = new DockerLabels("a", "r0123456789ab");

    @Test
    void aVolumeRecreatedWithoutLabelsIsStillKnownByItsName() {
        String name = labels.newVolumeName();

        assertThat(name).startsWith("coderunner-a-r0123456789ab-");
        assertThat(labels.runOfVolume(name, null)).isEqualTo("r0123456789ab");
        assertThat(labels.runOfVolume(name, Map.of())).isEqualTo("r0123456789ab");
    }

    @Test
    void anotherInstanceWhoseNameExtendsOursIsNotMistakenForOurs() {
        String theirs = new DockerLabels("a-b", "r0123456789ab").newVolumeName();

        assertThat(theirs).startsWith(labels.volumePrefix());
        assertThat(labels.runOfVolume(theirs, null)).isNull();
        assertThat(labels.runOfVolume("coderunner-a-something-else", null)).isNull();
    }

    @Test
    void labelsWinOverTheName() {
        assertThat(labels.runOfVolume("anything", Map.of(DockerLabels.RUN, "r999999999999"))).isEqualTo("r999999999999");
    }
}
