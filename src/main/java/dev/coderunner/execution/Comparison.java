package dev.coderunner.execution;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** How a test's output is compared with its expected output. */
public sealed interface Comparison {

    /** Trailing whitespace on each line and trailing blank lines ignored: what most judges mean. */
    Comparison DEFAULT = new Trim();

    boolean matches(String expected, String actual);

    /** Byte for byte. */
    record Exact() implements Comparison {
        @Override
        public boolean matches(String expected, String actual) {
            return expected.equals(actual);
        }
    }

    record Trim() implements Comparison {
        private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t\\r\\f\\x0B]+$",
                Pattern.MULTILINE | Pattern.UNIX_LINES);
        private static final Pattern TRAILING_LINES = Pattern.compile("\\n+$");

        @Override
        public boolean matches(String expected, String actual) {
            return normal(expected).equals(normal(actual));
        }

        static String normal(String text) {
            String lines = text.replace("\r\n", "\n");
            return TRAILING_LINES.matcher(TRAILING_SPACE.matcher(lines).replaceAll("")).replaceAll("");
        }
    }

    /** The same whitespace-separated tokens, however they are spaced. */
    record Tokens() implements Comparison {
        @Override
        public boolean matches(String expected, String actual) {
            return tokens(expected).equals(tokens(actual));
        }
    }

    /**
     * Tokens, where two numbers match when they differ by at most {@code tolerance}, absolutely or
     * relative to the expected value; other tokens must be equal.
     */
    record FloatTokens(double tolerance) implements Comparison {
        public FloatTokens {
            if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                throw new IllegalArgumentException("the float tolerance must be a finite number, at least 0");
            }
        }

        @Override
        public boolean matches(String expected, String actual) {
            List<String> want = tokens(expected);
            List<String> got = tokens(actual);
            if (want.size() != got.size()) {
                return false;
            }
            for (int i = 0; i < want.size(); i++) {
                if (!close(want.get(i), got.get(i))) {
                    return false;
                }
            }
            return true;
        }

        private boolean close(String want, String got) {
            if (want.equals(got)) {
                return true;
            }
            BigDecimal a = number(want);
            BigDecimal b = number(got);
            if (a == null || b == null) {
                return false;
            }
            double difference = a.subtract(b).abs().doubleValue();
            return difference <= tolerance || difference <= tolerance * a.abs().doubleValue();
        }

        /** Plain decimal notation only: "nan", "inf" or hex are compared as text. */
        private static BigDecimal number(String token) {
            if (token.length() > 400 || !token.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,4})?")) {
                return null;
            }
            return new BigDecimal(token);
        }
    }

    private static List<String> tokens(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split("\\s+"));
    }
}
