package dev.coderunner.sandbox.bwrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
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
    private final long size;
    private boolean closed;

    private Workspace(Path dir, long size, int uid, int gid) {
        this.dir = dir;
        this.size = size;
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
        return new Workspace(dir, sizeBytes, uid, gid);
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
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(permissions(file.mode())));
            }
        } catch (IOException e) {
            throw new WorkspaceFullException(e);
        }
    }

    /**
     * The regular files the program left (at most the workspace's size in all). Links and special files are skipped and never followed: whatever a
     * program placed here is read as plain bytes.
     */
    List<SandboxFile> collect() {
        long limit = size;
        var files = new ArrayList<SandboxFile>();
        long total = 0;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                byte[] content;
                try (var in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
                    content = in.readNBytes((int) Math.min(Integer.MAX_VALUE, limit - total + 1));
                }
                total += content.length;
                if (total > limit) {
                    throw new IllegalStateException("the working directory holds more than " + limit + " bytes");
                }
                boolean executable = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)
                        .contains(PosixFilePermission.OWNER_EXECUTE);
                files.add(new SandboxFile(dir.relativize(path).toString(), content,
                        executable ? 0755 : SandboxFile.WRITABLE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the working directory", e);
        }
        return files;
    }

    private static String permissions(int mode) {
        var bits = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int part = (mode >> shift) & 7;
            bits.append((part & 4) != 0 ? 'r' : '-').append((part & 2) != 0 ? 'w' : '-').append((part & 1) != 0 ? 'x' : '-');
        }
        return bits.toString();
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
