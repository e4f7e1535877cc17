package dev.coderunner.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MarkerHoldBackTests {

    private static final String NONCE = "usage-0123abcd";

    private final MarkerHoldBack live = new MarkerHoldBack(NONCE);

    @Test
    void aLineIsForwardedAtOnceTrailingNewlineIncluded() {
        assertThat(text(live.next(bytes("hello\n"), false))).isEqualTo("hello\n");
    }

    @Test
    void theMarkerNeverReachesTheFollowerEvenSplitAcrossFrames() {
        assertThat(text(live.next(bytes("last\n\nusa"), false))).isEqualTo("last\n");
        assertThat(text(live.next(bytes("ge-0123abcd 13"), false))).isEmpty();
        assertThat(text(live.next(bytes("0\n"), true))).isEmpty();
    }

    @Test
    void theMarkerInTheSameFrameAsTheLastOutputIsCutOff() {
        assertThat(text(live.next(bytes("bye\n\n" + NONCE + " 001\n"), true))).isEqualTo("bye\n");
    }

    @Test
    void whatLookedLikeTheStartOfAMarkerIsForwardedWithTheNextFrameOrAtTheEnd() {
        assertThat(text(live.next(bytes("x\nus"), false))).isEqualTo("x");
        assertThat(text(live.next(bytes("er\n"), false))).isEqualTo("\nuser\n");
        assertThat(text(live.next(bytes("y\nu"), false))).isEqualTo("y");
        assertThat(text(live.rest())).isEqualTo("\nu");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
