package dev.coderunner.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupDriverTests {

    @TempDir
    Path root;

    @Test
    void cgroupV2WithoutTheNeededControllersIsRefusedWithTheReason() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset io\n");

        assertThatThrownBy(() -> CgroupDriver.detect(root, "code-runner"))
                .isInstanceOf(CgroupDriver.CgroupUnavailableException.class)
                .hasMessageContaining("lacks the memory, pids or cpu controller").hasMessageContaining("cpuset io");
    }

    @Test
    void neitherLayoutIsRefusedWithTheReason() {
        assertThatThrownBy(() -> CgroupDriver.detect(root, "code-runner"))
                .isInstanceOf(CgroupDriver.CgroupUnavailableException.class)
                .hasMessageContaining("no cgroup v2").hasMessageContaining("memory");
    }

    @Test
    void v1ControllersAreDetected() throws Exception {
        for (String controller : CgroupV1.CONTROLLERS) {
            Files.createDirectories(root.resolve(controller));
        }

        assertThat(CgroupDriver.detect(root, "code-runner").version()).isEqualTo("v1");
    }

    @Test
    void v2WithMemoryPidsAndCpuIsDetected() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "");

        var driver = CgroupDriver.detect(root, "code-runner");

        assertThat(driver.version()).isEqualTo("v2");
        assertThat(root.resolve("code-runner")).isDirectory();
    }
}
