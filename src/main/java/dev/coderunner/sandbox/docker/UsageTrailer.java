package dev.coderunner.sandbox.docker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import dev.coderunner.sandbox.CapturedOutput;
import dev.coderunner.sandbox.ResourceUsage;

/**
 * Takes the launcher's report line ({@code "\n<nonce> <cpu ns> <peak bytes> <exit status> <oom
 * kills>\n"}, printed on stdout and again on stderr) out of a command's captured output. The output
 * buffer holds {@link #RESERVE} bytes beyond the cap so both lines fit even after a program that
 * printed right up to the cap; once they are removed, the output is held to the cap again.
 */
final class UsageTrailer {

    /** Room for the two report lines beyond the output cap: newlines, nonce, four numbers, twice. */
    static final int RESERVE = 256;

    /** What the launcher reported: figures, and how the program ended. Null parts were not reported. */
    record Parsed(CapturedOutput output, ResourceUsage usage, Integer exitCode, boolean oomKilled) {
    }

    private UsageTrailer() {
    }

    static Parsed strip(CapturedOutput raw, String nonce, long cap) {
        byte[] marker = ("\n" + nonce + " ").getBytes(StandardCharsets.US_ASCII);
        int inStdout = lastIndexOf(raw.stdout(), marker);
        if (inStdout < 0) {
            return new Parsed(capped(raw.stdout(), raw.stderr(), raw.combined(), raw.truncated(), cap), null, null, false);
        }
        int end = lineEnd(raw.stdout(), inStdout + 1);
        if (end == raw.stdout().length) {
            // Cut by the output cap: the run was stopped, its figures are lost.
            return new Parsed(capped(raw.stdout(), raw.stderr(), raw.combined(), raw.truncated(), cap), null, null, false);
        }
        String line = new String(raw.stdout(), inStdout + marker.length, end - inStdout - marker.length,
                StandardCharsets.US_ASCII).strip();
        byte[] trailer = Arrays.copyOfRange(raw.stdout(), inStdout, end + 1);
        byte[] stdout = removeLast(raw.stdout(), trailer);
        byte[] stderr = removeLast(raw.stderr(), trailer);
        byte[] combined = removeLast(removeLast(raw.combined(), trailer), trailer);
        String[] parts = line.split(" ");
        boolean oomKilled = parts.length > 3 && parts[3].matches("[1-9][0-9]*");
        return new Parsed(capped(stdout, stderr, combined, raw.truncated(), cap), usage(parts), integer(parts, 2),
                oomKilled);
    }

    /** Whether {@code tail}, the end of one stream, holds a complete report line for this nonce. */
    static boolean endsWithReport(byte[] tail, String nonce) {
        byte[] marker = ("\n" + nonce + " ").getBytes(StandardCharsets.US_ASCII);
        int at = lastIndexOf(tail, marker);
        return at >= 0 && lineEnd(tail, at + 1) < tail.length;
    }

    private static Integer integer(String[] parts, int index) {
        try {
            return parts.length > index ? Integer.valueOf(parts[index]) : null;
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    private static byte[] removeLast(byte[] bytes, byte[] part) {
        int at = lastIndexOf(bytes, part);
        return at < 0 ? bytes : remove(bytes, at, part.length);
    }

    private static CapturedOutput capped(byte[] stdout, byte[] stderr, byte[] combined, boolean truncated, long cap) {
        if (combined.length <= cap) {
            return new CapturedOutput(stdout, stderr, combined, truncated);
        }
        int limit = (int) cap;
        return new CapturedOutput(head(stdout, limit), head(stderr, limit), head(combined, limit), true);
    }

    private static ResourceUsage usage(String[] parts) {
        if (parts.length < 2) {
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
