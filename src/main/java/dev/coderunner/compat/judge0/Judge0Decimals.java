package dev.coderunner.compat.judge0;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Judge0's decimal fields ({@code time}, limits in seconds) as Rails writes them: "0.001", "5.0". */
final class Judge0Decimals {

    private Judge0Decimals() {
    }

    static String seconds(Duration duration) {
        return duration == null ? null : of(BigDecimal.valueOf(duration.toNanos(), 9).setScale(3, RoundingMode.HALF_UP));
    }

    static String of(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() <= 0 ? plain.setScale(1).toPlainString() : plain.toPlainString();
    }

    /** A bound in a message, as Rails prints it: "15", "0.5". */
    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
