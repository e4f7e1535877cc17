package dev.coderunner.sandbox.bwrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.sun.jna.LastErrorException;

/**
 * Proof that an instance run is alive: an exclusive {@code flock(2)} on {@code <work-dir>/<run>.lock},
 * held for as long as the process lives. The kernel drops it the moment the process dies, however
 * it dies, so a sweep that can take the lock knows its owner is gone. The descriptor is
 * close-on-exec: a sandbox outliving the service must not keep its lock alive.
 */
final class InstanceLock implements AutoCloseable {

    static final String SUFFIX = ".lock";

    private final Path file;
    private final int fd;
    private boolean closed;

    private InstanceLock(Path file, int fd) {
        this.file = file;
        this.fd = fd;
    }

    /**
     * Takes the lock of a new run. It is created locked under a temporary name, then renamed into
     * place, so a sweep never finds the file unlocked while its owner is starting.
     */
    static InstanceLock acquire(Path workDir, String run) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + workDir, e);
        }
        Path staging = workDir.resolve("." + run + SUFFIX + ".new");
        Path file = workDir.resolve(run + SUFFIX);
        try {
            int fd = LibC.INSTANCE.open(staging.toString(), LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, 0600);
            LibC.INSTANCE.flock(fd, LibC.LOCK_EX | LibC.LOCK_NB);
            Files.move(staging, file);
            return new InstanceLock(file, fd);
        } catch (LastErrorException e) {
            throw new IllegalStateException("cannot lock " + staging + ": errno " + e.getErrorCode(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put the instance lock in place at " + file, e);
        }
    }

    /**
     * The lock of another run, taken if its owner is dead; empty while the owner lives. A run
     * without a lock file is dead too: the lock is in place before a run creates anything.
     */
    static Optional<InstanceLock> ifDead(Path workDir, String run) {
        Path file = workDir.resolve(run + SUFFIX);
        int fd;
        try {
            fd = LibC.INSTANCE.open(file.toString(), LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.ENOENT) {
                return Optional.of(new InstanceLock(file, -1));
            }
            throw new IllegalStateException("cannot open " + file + ": errno " + e.getErrorCode(), e);
        }
        try {
            LibC.INSTANCE.flock(fd, LibC.LOCK_EX | LibC.LOCK_NB);
            return Optional.of(new InstanceLock(file, fd));
        } catch (LastErrorException held) {
            LibC.INSTANCE.close(fd);
            if (held.getErrorCode() != LibC.EWOULDBLOCK) {
                throw new IllegalStateException("cannot test the lock " + file + ": errno " + held.getErrorCode(), held);
            }
            return Optional.empty();
        }
    }

    /** Deletes the lock file, then lets go of it: used once a dead run's leftovers are gone. */
    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (!closed && fd >= 0) {
            LibC.INSTANCE.close(fd);
        }
        closed = true;
    }
}
