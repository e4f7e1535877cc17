package dev.coderunner.sandbox.docker;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.coderunner.sandbox.CapturedOutput;

/**
 * The launcher's end marker ({@code "\n<nonce>\n"}, printed on stdout and again on stderr once the
 * program has exited), found in and taken out of a command's captured output. The output buffer
 * holds {@link #RESERVE} bytes beyond the cap so both markers fit even after a program that printed
 * right up to the cap; once they are removed, the output is held to the cap again.
 */
final class EndMarker {

    /** Room for the two markers beyond the output cap. */
    static final int RESERVE = 128;

    private EndMarker() {
    }

    /** The output without the markers, capped; {@code marked} when both streams ended with one. */
    record Stripped(CapturedOutput output, boolean marked) {
    }

    static Stripped strip(CapturedOutput raw, String nonce, long cap) {
        byte[] marker = marker(nonce);
        boolean marked = endsWith(raw.stdout(), marker) && endsWith(raw.stderr(), marker);
        if (!marked) {
            return new Stripped(capped(raw.stdout(), raw.stderr(), raw.combined(), raw.truncated(), cap), false);
        }
        byte[] stdout = removeLast(raw.stdout(), marker);
        byte[] stderr = removeLast(raw.stderr(), marker);
        byte[] combined = removeLast(removeLast(raw.combined(), marker), marker);
        return new Stripped(capped(stdout, stderr, combined, raw.truncated(), cap), true);
    }

    /** Where the first marker in {@code bytes} ends, or -1 without one. */
    static int endOf(byte[] bytes, String nonce) {
        byte[] marker = marker(nonce);
        outer:
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (bytes[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i + marker.length;
        }
        return -1;
    }

    private static byte[] marker(String nonce) {
        return ("\n" + nonce + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean endsWith(byte[] bytes, byte[] suffix) {
        return bytes.length >= suffix.length
                && Arrays.equals(bytes, bytes.length - suffix.length, bytes.length, suffix, 0, suffix.length);
    }

    private static byte[] removeLast(byte[] bytes, byte[] part) {
        int at = lastIndexOf(bytes, part);
        if (at < 0) {
            return bytes;
        }
        byte[] result = new byte[bytes.length - part.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(bytes, at + part.length, result, at, bytes.length - at - part.length);
        return result;
    }

    private static CapturedOutput capped(byte[] stdout, byte[] stderr, byte[] combined, boolean truncated, long cap) {
        if (combined.length <= cap) {
            return new CapturedOutput(stdout, stderr, combined, truncated);
        }
        int limit = (int) cap;
        return new CapturedOutput(head(stdout, limit), head(stderr, limit), head(combined, limit), true);
    }

    private static byte[] head(byte[] bytes, int limit) {
        return bytes.length <= limit ? bytes : Arrays.copyOf(bytes, limit);
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
