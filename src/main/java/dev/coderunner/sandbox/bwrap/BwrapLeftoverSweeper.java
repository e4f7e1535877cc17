package dev.coderunner.sandbox.bwrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Removes what a killed previous instance left: its cgroups (killing any process still in them)
 * and its workspace mounts. Runs once at start-up.
 */
@Component
@ConditionalOnProperty(name = "code-runner.sandbox.backend", havingValue = "bwrap")
class BwrapLeftoverSweeper implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BwrapLeftoverSweeper.class);

    private final BwrapSandboxFactory factory;
    private final BwrapProperties properties;

    BwrapLeftoverSweeper(BwrapSandboxFactory factory, BwrapProperties properties) {
        this.factory = factory;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        int cgroups = factory.cgroups() == null ? 0 : factory.cgroups().sweep();
        int workspaces = 0;
        try (Stream<Path> dirs = Files.list(properties.workDir())) {
            for (Path dir : dirs.filter(path -> path.getFileName().toString().startsWith("ws-")).toList()) {
                Workspace.unmountAndDelete(dir);
                workspaces++;
            }
        } catch (IOException noneYet) {
            // Nothing was ever created here.
        }
        if (cgroups + workspaces > 0) {
            log.info("Removed {} cgroups and {} workspaces left by a previous run", cgroups, workspaces);
        }
    }
}
