package dev.coderunner.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.coderunner.sandbox.CapturedOutput;

class UsageTrailerTests {

    private static final String NONCE = "usage-0123abcd";

    private static CapturedOutput output(String stdout, String stderr, String combined) {
        return new CapturedOutput(bytes(stdout), bytes(stderr), bytes(combined), false);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void removesTheReportFromBothStreamsAndReadsIt() {
        String trailer = "\n" + NONCE + " 1500000000 104857600 3 0\n";
        var parsed = UsageTrailer.strip(output("hi\n" + trailer, "err\n" + trailer, "hi\nerr\n" + trailer + trailer),
                NONCE, 1000);

        assertThat(parsed.output().stdoutText()).isEqualTo("hi\n");
        assertThat(parsed.output().stderrText()).isEqualTo("err\n");
        assertThat(parsed.output().combinedText()).isEqualTo("hi\nerr\n");
        assertThat(parsed.output().truncated()).isFalse();
        assertThat(parsed.usage().cpuTime()).isEqualTo(Duration.ofMillis(1500));
        assertThat(parsed.usage().peakMemory()).isEqualTo(104857600L);
        assertThat(parsed.exitCode()).isEqualTo(3);
        assertThat(parsed.oomKilled()).isFalse();
    }

    @Test
    void anOomKillIsReported() {
        String trailer = "\n" + NONCE + " 2000 268435456 137 1\n";
        var parsed = UsageTrailer.strip(output(trailer, trailer, trailer + trailer), NONCE, 1000);

        assertThat(parsed.exitCode()).isEqualTo(137);
        assertThat(parsed.oomKilled()).isTrue();
    }

    @Test
    void aReportIsCompleteOnlyWithItsNewline() {
        assertThat(UsageTrailer.endsWithReport(bytes("out\n" + NONCE + " 1 2 0 0\n"), NONCE)).isTrue();
        assertThat(UsageTrailer.endsWithReport(bytes("out\n" + NONCE + " 1 2 0"), NONCE)).isFalse();
        assertThat(UsageTrailer.endsWithReport(bytes("out\nusage-other 1 2 0 0\n"), NONCE)).isFalse();
    }

    @Test
    void unknownPeakMemoryIsNull() {
        String trailer = "\n" + NONCE + " 2000 - 0 0\n";
        var parsed = UsageTrailer.strip(output(trailer, trailer, trailer + trailer), NONCE, 1000);

        assertThat(parsed.usage().peakMemory()).isNull();
        assertThat(parsed.output().stdoutText()).isEmpty();
    }

    @Test
    void aForgedOrCutTrailerGivesNoFigures() {
        var forged = UsageTrailer.strip(output("\nusage-other 1 2\n", "", "\nusage-other 1 2\n"), NONCE, 1000);
        assertThat(forged.usage()).isNull();
        assertThat(forged.output().stdoutText()).isEqualTo("\nusage-other 1 2\n");

        var cut = UsageTrailer.strip(output("x\n" + NONCE + " 12", "", "x\n" + NONCE + " 12"), NONCE, 1000);
        assertThat(cut.usage()).isNull();
    }

    @Test
    void outputPastTheCapIsCutAndFlaggedOnceTheTrailerIsGone() {
        String trailer = "\n" + NONCE + " 1 2\n";
        var parsed = UsageTrailer.strip(output("0123456789AB" + trailer, "", "0123456789AB" + trailer), NONCE, 10);

        assertThat(parsed.output().combinedText()).isEqualTo("0123456789");
        assertThat(parsed.output().truncated()).isTrue();
        assertThat(parsed.usage()).isNotNull();
    }
}
