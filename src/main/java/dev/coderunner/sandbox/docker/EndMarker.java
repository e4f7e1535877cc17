package dev.coderunner.sandbox.docker;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.coderunner.sandbox.CapturedOutput;

/**
 * The launcher's end marker ({@code "\n<nonce> <status>\n"}, the program's exit status in three
 * digits, printed on stdout and again on stderr once the program has exited), found in and taken
 * out of a command's captured output. The status comes with the nonce the program cannot know, so it
 * is the launcher's word: the run is answered without waiting for Docker to stop the container. The output buffer
 * holds {@link #RESERVE} bytes beyond the cap so both markers fit even after a program that printed
 * right up to the cap; once they are removed, the output is held to the cap again.
 */
final class EndMarker {

    /** Room for the two markers beyond the output cap. */
    static final int RESERVE = 128;

    private EndMarker() {
    }

    /** Stands for one digit of the status in a marker's template; never part of a nonce. */
    private static final byte DIGIT = '#';

    /**
     * The output without the markers, capped; {@code marked} when both streams ended with one,
     * then {@code status} is the program's exit status as the launcher saw it (else -1).
     */
    record Stripped(CapturedOutput output, boolean marked, int status) {
    }

    static Stripped strip(CapturedOutput raw, String nonce, long cap) {
        byte[] template = template(nonce);
        int status = statusAtEnd(raw.stdout(), template);
        boolean marked = status >= 0 && statusAtEnd(raw.stderr(), template) == status;
        if (!marked) {
            return new Stripped(capped(raw.stdout(), raw.stderr(), raw.combined(), raw.truncated(), cap), false, -1);
        }
        byte[] stdout = removeLast(raw.stdout(), template);
        byte[] stderr = removeLast(raw.stderr(), template);
        byte[] combined = removeLast(removeLast(raw.combined(), template), template);
        return new Stripped(capped(stdout, stderr, combined, raw.truncated(), cap), true, status);
    }

    /** Where the first marker in {@code bytes} ends, or -1 without one. */
    static int endOf(byte[] bytes, String nonce) {
        byte[] template = template(nonce);
        int at = find(bytes, template, false);
        return at < 0 ? -1 : at + template.length;
    }

    /** The marker with {@link #DIGIT} for each digit of the status. */
    static byte[] template(String nonce) {
        return ("\n" + nonce + " ###\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code length} bytes of {@code bytes} from {@code at} match the template's from {@code from}. */
    static boolean matches(byte[] bytes, int at, byte[] template, int from, int length) {
        for (int i = 0; i < length; i++) {
            byte expected = template[from + i];
            byte actual = bytes[at + i];
            if (expected == DIGIT ? actual < '0' || actual > '9' : actual != expected) {
                return false;
            }
        }
        return true;
    }

    /** The status in the marker {@code bytes} end with, or -1 if they do not end with one. */
    private static int statusAtEnd(byte[] bytes, byte[] template) {
        int at = bytes.length - template.length;
        if (at < 0 || !matches(bytes, at, template, 0, template.length)) {
            return -1;
        }
        int digits = template.length - 4;
        return Integer.parseInt(new String(bytes, at + digits, 3, StandardCharsets.US_ASCII));
    }

    private static byte[] removeLast(byte[] bytes, byte[] template) {
        int at = find(bytes, template, true);
        if (at < 0) {
            return bytes;
        }
        byte[] result = new byte[bytes.length - template.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(bytes, at + template.length, result, at, bytes.length - at - template.length);
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

    /** Where a marker first (with {@code last}: last) occurs in {@code haystack}, or -1. */
    private static int find(byte[] haystack, byte[] template, boolean last) {
        int latest = haystack.length - template.length;
        for (int step = 0; step <= latest; step++) {
            int i = last ? latest - step : step;
            if (matches(haystack, i, template, 0, template.length)) {
                return i;
            }
        }
        return -1;
    }
}
