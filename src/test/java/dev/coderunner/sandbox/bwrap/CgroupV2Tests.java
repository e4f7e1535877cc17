package dev.coderunner.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where cgroup v2 sandboxes go, on a tree of plain files shaped like cgroupfs. */
class CgroupV2Tests {

    @TempDir
    Path root;

    @Test
    void underADelegatedCgroupTheServiceMovesIntoALeafAndTheSandboxesGoBesideIt() throws IOException {
        Path own = Files.createDirectories(root.resolve("system.slice/code-runner.service"));
        Files.writeString(own.resolve("cgroup.procs"), "4242\n");

        var driver = new CgroupV2(root, "sandboxes", "system.slice/code-runner.service");

        assertThat(driver.base()).isEqualTo(own.resolve("sandboxes"));
        assertThat(Files.readString(own.resolve("service/cgroup.procs"))).isEqualTo("4242");
        assertThat(Files.readString(own.resolve("cgroup.subtree_control"))).isEqualTo("+memory +pids +cpu");
        assertThat(Files.readString(own.resolve("sandboxes/cgroup.subtree_control"))).isEqualTo("+memory +pids +cpu");
        assertThat(root.resolve("cgroup.subtree_control")).as("the root is not touched").doesNotExist();
    }

    @Test
    void atTheRootTheSubtreeIsMadeThere() {
        var driver = new CgroupV2(root, "sandboxes", "");

        assertThat(driver.base()).isEqualTo(root.resolve("sandboxes"));
        assertThat(root.resolve("cgroup.subtree_control")).exists();
    }
}
