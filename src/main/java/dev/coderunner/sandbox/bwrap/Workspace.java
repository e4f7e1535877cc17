package dev.coderunner.sandbox.bwrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.sun.jna.LastErrorException;

import dev.coderunner.sandbox.SandboxFile;

/**
 * A sandbox's working directory on the host: its own tmpfs mount, size-capped and owned by the
 * program's user, bound into each command's sandbox at /workspace and unmounted on close.
 */
final class Workspace implements AutoCloseable {

    private final Path dir;
    private final int uid;
    private final int gid;
    private boolean closed;

    private Workspace(Path dir, int uid, int gid) {
        this.dir = dir;
        this.uid = uid;
        this.gid = gid;
    }

    static Workspace mount(Path dir, long sizeBytes, int uid, int gid) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create workspace " + dir, e);
        }
        try {
            LibC.INSTANCE.mount("tmpfs", dir.toString(), "tmpfs", LibC.MS_NOSUID | LibC.MS_NODEV,
                    "size=" + sizeBytes + ",uid=" + uid + ",gid=" + gid + ",mode=0700");
        } catch (LastErrorException e) {
            throw new IllegalStateException("cannot mount a tmpfs at " + dir + ": errno " + e.getErrorCode(), e);
        }
        return new Workspace(dir, uid, gid);
    }

    Path dir() {
        return dir;
    }

    /** Writes files as the program's user would own them; parent directories are created. */
    void write(List<SandboxFile> files) {
        try {
            for (SandboxFile file : files) {
                Path target = dir.resolve(file.path()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IllegalArgumentException("file outside the workspace: " + file.path());
                }
                for (Path parent = target.getParent(); !parent.equals(dir); parent = parent.getParent()) {
                    if (Files.notExists(parent)) {
                        Files.createDirectories(parent);
                    }
                    chown(parent);
                }
                Files.write(target, file.content());
                chown(target);
            }
        } catch (IOException e) {
            throw new WorkspaceFullException(e);
        }
    }

    private void chown(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", uid);
        Files.setAttribute(path, "unix:gid", gid);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        unmountAndDelete(dir);
    }

    /** Unmounts (if mounted) and deletes a workspace: ours on close, or one a dead run left. */
    static void unmountAndDelete(Path dir) {
        try {
            LibC.INSTANCE.umount2(dir.toString(), LibC.MNT_DETACH);
        } catch (LastErrorException notMounted) {
            // Never mounted, or unmounted already.
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException gone) {
            // Already removed.
        }
    }

    /** The files do not fit in the workspace. */
    static final class WorkspaceFullException extends RuntimeException {
        WorkspaceFullException(IOException cause) {
            super("could not stage the files: " + cause.getMessage(), cause);
        }
    }
}
