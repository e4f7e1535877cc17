package dev.coderunner.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One output stream decoded as it arrives: a character split across two chunks is kept until its
 * last byte comes, invalid bytes become U+FFFD. Used by one thread at a time per stream.
 */
public final class Utf8Stream {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private byte[] pending = new byte[0];

    /** The text the chunk completes; what ends it unfinished waits for the next chunk. */
    public synchronized String decode(byte[] chunk) {
        ByteBuffer in = ByteBuffer.allocate(pending.length + chunk.length).put(pending).put(chunk).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        pending = new byte[in.remaining()];
        in.get(pending);
        return out.flip().toString();
    }

    /** What is left at the stream's end: an unfinished character is invalid there. */
    public synchronized String finish() {
        ByteBuffer in = ByteBuffer.wrap(pending);
        CharBuffer out = CharBuffer.allocate(pending.length + 2);
        decoder.decode(in, out, true);
        decoder.flush(out);
        decoder.reset();
        pending = new byte[0];
        return out.flip().toString();
    }
}
