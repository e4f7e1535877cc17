package dev.coderunner.sandbox;

import java.nio.charset.StandardCharsets;

/**
 * What a command printed. {@code combined} holds stdout and stderr interleaved in the order the
 * engine delivered them. Bytes are kept raw; decoding replaces invalid UTF-8 so the result is
 * always valid JSON text.
 */
public record CapturedOutput(byte[] stdout, byte[] stderr, byte[] combined, boolean truncated) {

    public static final CapturedOutput EMPTY = new CapturedOutput(new byte[0], new byte[0], new byte[0], false);

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    public String combinedText() {
        return new String(combined, StandardCharsets.UTF_8);
    }
}
