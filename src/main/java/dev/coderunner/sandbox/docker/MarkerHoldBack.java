package dev.coderunner.sandbox.docker;

import java.util.Arrays;

/**
 * One stream's output as a live follower sees it: the launcher's end marker never reaches it.
 * What ends a frame and could be the start of the marker ({@code "\n"} and at least one of its
 * characters) waits for the next frame or the stream's end; a lone trailing newline does not, so a
 * line of output is forwarded as soon as it arrives. Frames of one stream come on one thread.
 */
final class MarkerHoldBack {

    private final byte[] marker;
    private byte[] held = new byte[0];

    MarkerHoldBack(String nonce) {
        this.marker = EndMarker.template(nonce);
    }

    /** What to forward of the bytes kept from a frame; {@code marked}: they end with (part of) the marker. */
    byte[] next(byte[] kept, boolean marked) {
        byte[] pending = concat(held, kept);
        if (marked) {
            held = new byte[0];
            return Arrays.copyOf(pending, pending.length - markerSuffix(pending));
        }
        int keepBack = markerStart(pending);
        held = Arrays.copyOfRange(pending, pending.length - keepBack, pending.length);
        return Arrays.copyOf(pending, pending.length - keepBack);
    }

    /** What is still held once the stream has ended without a marker. */
    byte[] rest() {
        byte[] rest = held;
        held = new byte[0];
        return rest;
    }

    /** The longest end of {@code bytes} that is the end of the marker (all of it, normally). */
    private int markerSuffix(byte[] bytes) {
        for (int length = Math.min(marker.length, bytes.length); length > 0; length--) {
            if (EndMarker.matches(bytes, bytes.length - length, marker, marker.length - length, length)) {
                return length;
            }
        }
        return 0;
    }

    /** The longest end of {@code bytes}, two bytes or more, that begins the marker. */
    private int markerStart(byte[] bytes) {
        for (int length = Math.min(marker.length - 1, bytes.length); length >= 2; length--) {
            if (EndMarker.matches(bytes, bytes.length - length, marker, 0, length)) {
                return length;
            }
        }
        return 0;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
