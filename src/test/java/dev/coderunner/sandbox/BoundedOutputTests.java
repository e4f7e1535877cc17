package dev.coderunner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class BoundedOutputTests {

    @Test
    void keepsStreamsApartAndInterleavedInArrivalOrder() {
        var output = new BoundedOutput(100);
        output.append(false, bytes("out1 "));
        output.append(true, bytes("err1 "));
        output.append(false, bytes("out2"));

        var captured = output.snapshot();
        assertThat(captured.stdoutText()).isEqualTo("out1 out2");
        assertThat(captured.stderrText()).isEqualTo("err1 ");
        assertThat(captured.combinedText()).isEqualTo("out1 err1 out2");
        assertThat(captured.truncated()).isFalse();
    }

    @Test
    void cutsAtTheCapAndRefusesMore() {
        var output = new BoundedOutput(10);
        assertThat(output.append(false, bytes("12345"))).isTrue();
        assertThat(output.append(true, bytes("67890abc"))).isFalse();
        assertThat(output.append(false, bytes("more"))).isFalse();

        var captured = output.snapshot();
        assertThat(captured.combinedText()).isEqualTo("1234567890");
        assertThat(captured.stderrText()).isEqualTo("67890");
        assertThat(captured.truncated()).isTrue();
    }

    @Test
    void invalidUtf8DecodesWithReplacementCharacters() {
        var output = new BoundedOutput(100);
        output.append(false, new byte[] {'a', (byte) 0xff, 'b'});

        assertThat(output.snapshot().stdoutText()).isEqualTo("a\uFFFDb");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
