package dev.coderunner.api;

import static dev.coderunner.support.Api.request;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import dev.coderunner.support.SandboxIntegrationTest;

/** Hostile programs end as results, within their limits, and never harm the next run. */
class LimitsIT extends SandboxIntegrationTest {

    @Test
    void cpuLoopIsStoppedNearTheTimeoutAndKeepsEarlierOutput() {
        var reply = api.execute(request("language", "python", "timeout", 2,
                "code", "print('started', flush=True)\nwhile True:\n    pass"));

        assertThat(reply.text("status")).isEqualTo("TIMEOUT");
        assertThat(reply.body().get("success").asBoolean()).isFalse();
        assertThat(reply.text("output")).isEqualTo("started\n");
        assertThat(reply.body().get("execution_time").asDouble()).isBetween(1.9, 4.0);
        assertThat(reply.text("signal")).isEqualTo("SIGKILL");
    }

    @Test
    void sleepingProgramIsStoppedAtTheTimeout() {
        var reply = api.execute(request("language", "python", "timeout", 1.5,
                "code", "import time\nprint('a', flush=True)\ntime.sleep(60)\nprint('b')"));

        assertThat(reply.text("status")).isEqualTo("TIMEOUT");
        assertThat(reply.text("output")).isEqualTo("a\n");
        assertThat(reply.body().get("execution_time").asDouble()).isBetween(1.4, 3.5);
    }

    @Test
    void aLoopThatIgnoresSigtermIsStillStopped() {
        var reply = api.execute(request("language", "python", "timeout", 1,
                "code", "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                        + "signal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"));

        assertThat(reply.text("status")).isEqualTo("TIMEOUT");
        assertThat(reply.body().get("execution_time").asDouble()).isLessThan(3.0);
    }

    @Test
    void memoryBombEndsAsMemoryLimitAndTheNextRunIsFine() {
        var bomb = api.run("python", "x = []\nwhile True:\n    x.append(bytearray(10 * 1024 * 1024))");

        assertThat(bomb.status()).isEqualTo(200);
        assertThat(bomb.text("status")).isEqualTo("MEMORY_LIMIT");
        assertThat(bomb.body().get("success").asBoolean()).isFalse();

        var next = api.run("python", "print('fine')");
        assertThat(next.text("status")).isEqualTo("OK");
        assertThat(next.text("output")).isEqualTo("fine\n");
    }

    @Test
    @DisabledIfSystemProperty(named = "test.docker.runtime", matches = "runsc",
            disabledReason = "gVisor runs processes inside its own kernel: the pids limit bounds its threads, and a fork bomb meets the memory limit instead")
    void forkBombIsContainedByThePidsLimit() {
        var bomb = api.execute(request("language", "python", "timeout", 3,
                "code", "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass"));

        assertThat(bomb.status()).isEqualTo(200);
        assertThat(bomb.text("status")).isIn("TIMEOUT", "RUNTIME_ERROR", "MEMORY_LIMIT");

        var probe = api.run("python", "import os\npids = []\nfor i in range(200):\n    try:\n        pid = os.fork()\n"
                + "    except OSError:\n        break\n    if pid == 0:\n        import time; time.sleep(5); os._exit(0)\n"
                + "    pids.append(pid)\nprint(len(pids))");
        assertThat(Integer.parseInt(probe.text("stdout").strip())).isLessThan(64);

        assertThat(api.run("python", "print('alive')").text("output")).isEqualTo("alive\n");
    }

    @Test
    void outputFloodIsCappedFlaggedAndStopped() {
        var reply = api.execute(request("language", "python", "timeout", 10,
                "code", "while True:\n    print('x' * 1000)"));

        assertThat(reply.text("status")).isEqualTo("OUTPUT_LIMIT");
        assertThat(reply.body().get("truncated").asBoolean()).isTrue();
        assertThat(reply.text("output").length()).isEqualTo(64 * 1024);
        assertThat(reply.body().get("execution_time").asDouble()).isLessThan(5.0);
    }

    @Test
    void aDetachedBackgroundProcessDoesNotHoldTheAnswer() {
        var reply = api.execute(request("language", "python", "timeout", 15,
                "code", "import subprocess\nsubprocess.Popen(['sleep', '60'], start_new_session=True, "
                        + "stdout=None, stderr=None)\nprint('main done')"));

        assertThat(reply.text("status")).isEqualTo("OK");
        assertThat(reply.text("output")).isEqualTo("main done\n");
        assertThat(reply.body().get("execution_time").asDouble()).isLessThan(5.0);
    }

    /** 20 MB: past FILE_SIZE_LIMIT (16 MB by default) but well within the 64 MB workspace. */
    @Test
    void aFileLargerThanTheFileSizeLimitButSmallerThanTheWorkspaceIsRefusedWithEfbig() {
        var reply = api.run("python", """
                import errno
                with open('big', 'wb') as f:
                    f.write(b'0' * (15 * 1024 * 1024))
                    print('15 MB written', flush=True)
                    try:
                        f.write(b'0' * (5 * 1024 * 1024))
                        print('20 MB written')
                    except OSError as e:
                        print(errno.errorcode[e.errno])
                """);

        // CPython ignores SIGXFSZ, so the write fails with EFBIG instead of killing it.
        assertThat(reply.text("stdout")).as(reply.raw()).isEqualTo("15 MB written\nEFBIG\n");
    }

    @Test
    void aCProgramWritingPastTheFileSizeLimitIsKilledBySigxfsz() {
        var reply = api.run("c", """
                #include <stdio.h>
                #include <string.h>
                int main(void) {
                    static char block[1 << 20];
                    memset(block, '0', sizeof block);
                    FILE *f = fopen("big", "wb");
                    for (int i = 0; i < 20; i++) { fwrite(block, 1, sizeof block, f); fflush(f); }
                    puts("20 MB written");
                    return 0;
                }
                """);

        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("RUNTIME_ERROR");
        assertThat(reply.text("signal")).isEqualTo("SIGXFSZ");
        assertThat(reply.text("stdout")).doesNotContain("20 MB written");
    }
}
