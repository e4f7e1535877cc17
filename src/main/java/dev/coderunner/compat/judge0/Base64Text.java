package dev.coderunner.compat.judge0;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Base64 as Judge0 (Ruby's {@code Base64.encode64}/{@code decode64}) writes and reads it: encoded
 * text in lines of 60 characters, each ending in a newline; decoding skips line breaks and any
 * character outside the alphabet rather than failing.
 */
final class Base64Text {

    private static final Base64.Encoder LINES = Base64.getMimeEncoder(60, new byte[] {'\n'});

    private Base64Text() {
    }

    static String encode(String text) {
        return text == null ? null : encode(text.getBytes(StandardCharsets.UTF_8));
    }

    static String encode(byte[] bytes) {
        return bytes.length == 0 ? "" : LINES.encodeToString(bytes) + "\n";
    }

    static byte[] decodeBytes(String text) {
        String alphabet = text.replaceAll("[^A-Za-z0-9+/]", "");
        // decode64 reads what whole groups there are and drops a dangling character
        int usable = alphabet.length() % 4 == 1 ? alphabet.length() - 1 : alphabet.length();
        return Base64.getDecoder().decode(pad(alphabet.substring(0, usable)));
    }

    static String decode(String text) {
        return text == null ? null : new String(decodeBytes(text), StandardCharsets.UTF_8);
    }

    private static String pad(String alphabet) {
        return alphabet + "==".substring(0, (4 - alphabet.length() % 4) % 4);
    }
}
