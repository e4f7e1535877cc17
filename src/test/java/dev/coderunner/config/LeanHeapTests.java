package dev.coderunner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.management.HotSpotDiagnosticMXBean;

import org.junit.jupiter.api.Test;

/** Each case in a JVM of its own, started with the flags it is about. */
class LeanHeapTests {

    @Test
    void aJvmLeftAtItsDefaultsKeepsLittleFreeHeapAfterACollectionAndCollectsWhenIdle() throws Exception {
        assertThat(settingsAfterApplyIn()).isEqualTo("20 40 15000");
    }

    @Test
    void aRatioTheOperatorSetIsKeptAndSoIsTheOtherDefault() throws Exception {
        assertThat(settingsAfterApplyIn("-XX:MaxHeapFreeRatio=55")).isEqualTo("40 55 15000");
    }

    @Test
    void anIdleCollectionIntervalTheOperatorSetIsKept() throws Exception {
        assertThat(settingsAfterApplyIn("-XX:G1PeriodicGCInterval=0")).isEqualTo("20 40 0");
    }

    private static String settingsAfterApplyIn(String... jvmFlags) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmFlags));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(probe.waitFor()).as(printed).isZero();
        return printed;
    }

    /** Applies the settings and prints both ratios and the idle collection interval. */
    public static final class Probe {
        public static void main(String[] args) {
            LeanHeap.apply();
            var vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            System.out.println(vm.getVMOption(LeanHeap.MIN_FREE).getValue() + " " + vm.getVMOption(LeanHeap.MAX_FREE).getValue()
                    + " " + vm.getVMOption(LeanHeap.PERIODIC_GC).getValue());
        }
    }
}
