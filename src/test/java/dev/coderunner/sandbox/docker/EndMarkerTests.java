package dev.coderunner.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.coderunner.sandbox.CapturedOutput;

class EndMarkerTests {

    private static final String NONCE = "end-0123abcd";
    private static final String MARKER = "\n" + NONCE + " 003\n";

    private static CapturedOutput output(String stdout, String stderr, String combined) {
        return new CapturedOutput(bytes(stdout), bytes(stderr), bytes(combined), false);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void removesTheMarkerFromBothStreams() {
        var stripped = EndMarker.strip(output("hi\n" + MARKER, "err\n" + MARKER, "hi\nerr\n" + MARKER + MARKER),
                NONCE, 1000);

        assertThat(stripped.marked()).isTrue();
        assertThat(stripped.status()).as("the launcher's word on the exit status").isEqualTo(3);
        assertThat(stripped.output().stdoutText()).isEqualTo("hi\n");
        assertThat(stripped.output().stderrText()).isEqualTo("err\n");
        assertThat(stripped.output().combinedText()).isEqualTo("hi\nerr\n");
        assertThat(stripped.output().truncated()).isFalse();
    }

    @Test
    void aMarkerIsCompleteOnlyWithItsNewlineAndItsOwnNonce() {
        assertThat(EndMarker.endOf(bytes("out" + MARKER), NONCE)).isEqualTo(3 + MARKER.length());
        assertThat(EndMarker.endOf(bytes("out\n" + NONCE), NONCE)).isEqualTo(-1);
        assertThat(EndMarker.endOf(bytes("out\nend-other\n"), NONCE)).isEqualTo(-1);
        assertThat(EndMarker.endOf(bytes("out\n" + NONCE + " 00x\n"), NONCE)).as("three digits").isEqualTo(-1);
        assertThat(EndMarker.endOf(bytes("out\n" + NONCE + "\n"), NONCE)).as("a status").isEqualTo(-1);
    }

    @Test
    void theFirstMarkerCountsWhateverFollowsIt() {
        assertThat(EndMarker.endOf(bytes("out" + MARKER + "left behind" + MARKER), NONCE)).isEqualTo(3 + MARKER.length());
    }

    @Test
    void streamsWhoseMarkersDisagreeOnTheStatusAreNotMarked() {
        String other = "\n" + NONCE + " 001\n";
        var stripped = EndMarker.strip(output("hi" + MARKER, other, "hi" + MARKER + other), NONCE, 1000);

        assertThat(stripped.marked()).isFalse();
        assertThat(stripped.status()).isEqualTo(-1);
    }

    @Test
    void withoutMarkersTheOutputStaysAsItIsButCapped() {
        var stripped = EndMarker.strip(output("x".repeat(20), "", "x".repeat(20)), NONCE, 10);

        assertThat(stripped.marked()).isFalse();
        assertThat(stripped.output().combinedText()).isEqualTo("x".repeat(10));
        assertThat(stripped.output().truncated()).isTrue();
    }

    @Test
    void aProgramPrintingRightUpToTheCapKeepsAllItsOutput() {
        String full = "y".repeat(10);
        var stripped = EndMarker.strip(output(full + MARKER, MARKER, full + MARKER + MARKER), NONCE, 10);

        assertThat(stripped.output().stdoutText()).isEqualTo(full);
        assertThat(stripped.output().truncated()).isFalse();
    }
}
