package dev.coderunner.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import dev.coderunner.sandbox.BoundedOutput;

class AttachedOutputTests {

    private static final String NONCE = "usage-0123456789abcdef0123456789abcdef";
    private static final String MARKER = "\n" + NONCE + " 000\n";

    private static Frame frame(StreamType stream, String text) {
        return new Frame(stream, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void whatALeftBehindProcessWritesAfterTheMarkerIsNotTheProgramsOutput() {
        var attached = new AttachedOutput(() -> { });
        var buffer = new BoundedOutput(1000);
        attached.captureInto(buffer, NONCE);

        attached.onNext(frame(StreamType.STDOUT, "main done" + MARKER.substring(0, 10)));
        attached.onNext(frame(StreamType.STDOUT, MARKER.substring(10) + "daemon ."));
        attached.onNext(frame(StreamType.STDOUT, ". ."));
        attached.onNext(frame(StreamType.STDERR, "warning\n" + MARKER + "daemon ."));

        assertThat(attached.awaitReport(Duration.ofSeconds(1))).isEqualTo(AttachedOutput.Report.REPORTED);
        var stripped = EndMarker.strip(buffer.snapshot(), NONCE, 1000);
        assertThat(stripped.marked()).isTrue();
        assertThat(stripped.output().stdoutText()).isEqualTo("main done");
        assertThat(stripped.output().stderrText()).isEqualTo("warning\n");
        assertThat(stripped.output().combinedText()).isEqualTo("main donewarning\n");
    }

    @Test
    void oneStreamsMarkerAloneIsNotTheEnd() {
        var attached = new AttachedOutput(() -> { });
        attached.captureInto(new BoundedOutput(1000), NONCE);

        attached.onNext(frame(StreamType.STDOUT, "out" + MARKER));
        attached.onNext(frame(StreamType.STDERR, "\nusage-not-the-nonce\n"));

        assertThat(attached.awaitReport(Duration.ofMillis(50))).isEqualTo(AttachedOutput.Report.TIMED_OUT);
    }
}
