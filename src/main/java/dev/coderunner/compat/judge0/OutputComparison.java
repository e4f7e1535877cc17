package dev.coderunner.compat.judge0;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Judge0's comparison of {@code expected_output} with stdout: each line's trailing whitespace
 * (and NUL) dropped, then the text's own trailing whitespace. An empty stdout counts as none, as
 * Judge0 stores it: an empty expected output does not match it (Judge0 answers Wrong Answer too).
 */
final class OutputComparison {

    private static final String TRAILING = "[ \\t\\n\\x0B\\f\\r\\x00]+$";

    private OutputComparison() {
    }

    static boolean matches(String expected, String stdout) {
        return Objects.equals(strip(expected), strip(stdout == null || stdout.isEmpty() ? null : stdout));
    }

    static String strip(String text) {
        if (text == null) {
            return null;
        }
        return Arrays.stream(text.split("\n", -1)).map(line -> line.replaceAll(TRAILING, ""))
                .collect(Collectors.joining("\n")).replaceAll(TRAILING, "");
    }
}
