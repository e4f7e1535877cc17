package dev.coderunner.sandbox.bwrap;

import java.nio.file.Path;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * mount(2) and umount2(2) called directly: a workspace is mounted and unmounted for every
 * sandbox, and spawning the mount and umount programs cost about as much CPU as the program run.
 */
final class Mounts {

    private static final long MS_NOSUID = 2;
    private static final long MS_NODEV = 4;
    private static final int MNT_DETACH = 2;

    private interface LibC extends Library {
        int mount(String source, String target, String type, long flags, String options) throws LastErrorException;

        int umount2(String target, int flags) throws LastErrorException;
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    private Mounts() {
    }

    /** Mounts a fresh tmpfs at {@code dir} with nosuid and nodev and the given tmpfs options. */
    static void mountTmpfs(Path dir, String options) {
        try {
            LIBC.mount("tmpfs", dir.toString(), "tmpfs", MS_NOSUID | MS_NODEV, options);
        } catch (LastErrorException e) {
            throw new IllegalStateException("cannot mount a tmpfs at " + dir + ": errno " + e.getErrorCode(), e);
        }
    }

    /** Detaches the mount at {@code dir}, if there is one. */
    static void unmount(Path dir) {
        try {
            LIBC.umount2(dir.toString(), MNT_DETACH);
        } catch (LastErrorException notMounted) {
            // Already unmounted, or never mounted (a sweep of what a killed instance left).
        }
    }
}
