package dev.coderunner.sandbox.bwrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runtime images' filesystems as directories, exported by {@code scripts/export-rootfs.sh}
 * from the same images the Docker engine runs, so a program sees the same files and environment
 * on both engines. Image {@code code-runner/python:3.11} lives in {@code code-runner_python_3.11/},
 * with the image's environment ({@code KEY=value} lines) in {@code code-runner_python_3.11.env}.
 */
final class RootFilesystems {

    private final Path dir;
    private final Map<String, List<String>> environments = new ConcurrentHashMap<>();

    RootFilesystems(Path dir) {
        this.dir = dir;
    }

    static String directoryName(String image) {
        return image.replaceAll("[/:@]", "_");
    }

    Path root(String image) {
        return dir.resolve(directoryName(image));
    }

    boolean present(String image) {
        return Files.isExecutable(root(image).resolve("bin/sh"));
    }

    /** The image's declared environment, as KEY=value strings. */
    List<String> environment(String image) {
        return environments.computeIfAbsent(image, name -> {
            try {
                return Files.readAllLines(dir.resolve(directoryName(name) + ".env")).stream()
                        .filter(line -> line.contains("=")).toList();
            } catch (IOException missing) {
                return List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            }
        });
    }
}
