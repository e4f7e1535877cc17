package dev.coderunner.sandbox.bwrap;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The few libc calls the bwrap engine makes directly: a workspace is mounted and unmounted for
 * every sandbox, and spawning the mount and umount programs cost about as much CPU as the program
 * run; {@code flock(2)} has no Java equivalent (Java's file locks are process-wide fcntl locks,
 * released when any descriptor of the file in the JVM is closed); Java signals only its own children,
 * and only with SIGTERM or SIGKILL.
 */
interface LibC extends Library {

    LibC INSTANCE = Native.load("c", LibC.class);

    long MS_NOSUID = 2;
    long MS_NODEV = 4;
    int MNT_DETACH = 2;
    int O_RDWR = 02;
    int O_CREAT = 0100;
    int O_CLOEXEC = 02000000;
    int LOCK_EX = 2;
    int LOCK_NB = 4;
    int ENOENT = 2;
    int EWOULDBLOCK = 11;

    int mount(String source, String target, String type, long flags, String options) throws LastErrorException;

    int umount2(String target, int flags) throws LastErrorException;

    int open(String path, int flags, int mode) throws LastErrorException;

    int flock(int fd, int operation) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int kill(int pid, int signal) throws LastErrorException;
}
