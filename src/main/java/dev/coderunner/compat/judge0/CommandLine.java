package dev.coderunner.compat.judge0;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code command_line_arguments} as Judge0's run script hands them to the program: the characters
 * Judge0 deletes for safety ({@code $ & ; < > | `}) are deleted, then the rest is split into words
 * as bash would, with single quotes, double quotes and backslashes. No globbing and no expansion.
 */
final class CommandLine {

    private static final String DELETED = "[$&;<>|`]";

    private CommandLine() {
    }

    static final class UnterminatedQuoteException extends IllegalArgumentException {
        UnterminatedQuoteException() {
            super("has an unterminated quote");
        }
    }

    static List<String> split(String line) {
        var words = new ArrayList<String>();
        if (line == null) {
            return words;
        }
        String text = line.strip().replaceAll(DELETED, "");
        var word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new UnterminatedQuoteException();
                }
                word.append(text, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i = doubleQuoted(text, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                    word.append(text.charAt(i + 1));
                    inWord = true;
                }
                i++;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Reads up to the closing quote; inside, a backslash escapes only {@code "} and {@code \}. */
    private static int doubleQuoted(String text, int from, StringBuilder word) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                word.append(text.charAt(++i));
            } else {
                word.append(c);
            }
        }
        throw new UnterminatedQuoteException();
    }
}
