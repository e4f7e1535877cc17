package dev.coderunner.sandbox.bwrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reading and writing cgroup control files, shared by both layouts. */
final class CgroupFiles {

    private CgroupFiles() {
    }

    static void write(Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value + " to " + file, e);
        }
    }

    static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file).strip());
        } catch (IOException missingOrGone) {
            return Optional.empty();
        }
    }

    /** The value of {@code key} in a flat-keyed file such as memory.events or cpu.stat. */
    static Optional<Long> keyed(Path file, String key) {
        return read(file).flatMap(text -> text.lines()
                .map(line -> line.split(" "))
                .filter(parts -> parts.length == 2 && parts[0].equals(key))
                .map(parts -> Long.parseLong(parts[1]))
                .findFirst());
    }

    static List<Long> pids(Path procs) {
        return read(procs).map(text -> text.lines().filter(line -> !line.isBlank()).map(Long::parseLong).toList())
                .orElse(List.of());
    }

    /** Names of the directories in {@code dir}; none when it does not exist. */
    static List<String> subdirectories(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(path -> path.getFileName().toString()).toList();
        } catch (IOException noneYet) {
            return List.of();
        }
    }

    static void killPids(List<Long> pids) {
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    static final int REMOVE_ATTEMPTS = 200;

    /** rmdir, retrying every 5 ms: the kernel removes a cgroup only once its last process is reaped. */
    static boolean removeDirectory(Path dir, int attempts) {
        for (int attempt = 0; attempt < attempts; attempt++) {
            try {
                Files.deleteIfExists(dir);
                return true;
            } catch (IOException busy) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !Files.exists(dir);
    }
}
