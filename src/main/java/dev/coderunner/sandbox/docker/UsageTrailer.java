package dev.coderunner.sandbox.docker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import dev.coderunner.sandbox.CapturedOutput;
import dev.coderunner.sandbox.ResourceUsage;

/**
 * Takes the launcher's usage line ({@code "\n<nonce> <cpu ns> <peak bytes>\n"}) out of a command's
 * captured output. The output buffer holds {@link #RESERVE} bytes beyond the cap so the line fits
 * even after a program that printed right up to the cap; once the line is removed, the output is
 * held to the cap again.
 */
final class UsageTrailer {

    /** Room for the trailer beyond the output cap: newline, nonce, two 20-digit numbers. */
    static final int RESERVE = 128;

    record Parsed(CapturedOutput output, ResourceUsage usage) {
    }

    private UsageTrailer() {
    }

    static Parsed strip(CapturedOutput raw, String nonce, long cap) {
        byte[] marker = ("\n" + nonce + " ").getBytes(StandardCharsets.US_ASCII);
        int inStdout = lastIndexOf(raw.stdout(), marker);
        if (inStdout < 0) {
            return new Parsed(capped(raw, raw.stdout(), raw.combined(), cap), null);
        }
        int end = lineEnd(raw.stdout(), inStdout + 1);
        if (end == raw.stdout().length) {
            // Cut by the output cap: the run was stopped, its figures are lost.
            return new Parsed(capped(raw, raw.stdout(), raw.combined(), cap), null);
        }
        String line = new String(raw.stdout(), inStdout + marker.length, end - inStdout - marker.length,
                StandardCharsets.US_ASCII).strip();
        byte[] trailer = Arrays.copyOfRange(raw.stdout(), inStdout, Math.min(end + 1, raw.stdout().length));
        byte[] stdout = remove(raw.stdout(), inStdout, trailer.length);
        int inCombined = lastIndexOf(raw.combined(), trailer);
        byte[] combined = inCombined < 0 ? raw.combined() : remove(raw.combined(), inCombined, trailer.length);
        return new Parsed(capped(raw, stdout, combined, cap), usage(line));
    }

    private static CapturedOutput capped(CapturedOutput raw, byte[] stdout, byte[] combined, long cap) {
        if (combined.length <= cap) {
            return new CapturedOutput(stdout, raw.stderr(), combined, raw.truncated());
        }
        int limit = (int) cap;
        return new CapturedOutput(head(stdout, limit), head(raw.stderr(), limit), head(combined, limit), true);
    }

    private static ResourceUsage usage(String line) {
        String[] parts = line.split(" ");
        if (parts.length != 2) {
            return null;
        }
        try {
            long cpuNanos = Long.parseLong(parts[0]);
            Long memory = "-".equals(parts[1]) ? null : Long.valueOf(parts[1]);
            return new ResourceUsage(Duration.ofNanos(cpuNanos), memory);
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    private static byte[] head(byte[] bytes, int limit) {
        return bytes.length <= limit ? bytes : Arrays.copyOf(bytes, limit);
    }

    private static int lineEnd(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    private static byte[] remove(byte[] bytes, int at, int length) {
        byte[] result = new byte[bytes.length - length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(bytes, at + length, result, at, bytes.length - at - length);
        return result;
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
