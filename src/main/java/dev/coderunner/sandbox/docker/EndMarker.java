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
        int at = find(bytes, marker, false);
        return at < 0 ? -1 : at + marker.length;
    }

    private static byte[] marker(String nonce) {
        return ("\n" + nonce + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean endsWith(byte[] bytes, byte[] suffix) {
        return bytes.length >= suffix.length
                && Arrays.equals(bytes, bytes.length - suffix.length, bytes.length, suffix, 0, suffix.length);
    }

    private static byte[] removeLast(byte[] bytes, byte[] part) {
        int at = find(bytes, part, true);
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

    /** Where {@code needle} first (with {@code last}: last) occurs in {@code haystack}, or -1. */
    private static int find(byte[] haystack, byte[] needle, boolean last) {
        int latest = haystack.length - needle.length;
        for (int step = 0; step <= latest; step++) {
            int i = last ? latest - step : step;
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
