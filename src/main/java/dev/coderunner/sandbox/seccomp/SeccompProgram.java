package dev.coderunner.sandbox.seccomp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The policy compiled by libseccomp (the library every container runtime uses) into the classic
 * BPF program the kernel runs, for the architecture this service runs on: what bubblewrap loads
 * with {@code --seccomp}. A system call of any other ABI (i386, x32) kills the process.
 */
public final class SeccompProgram {

    private static final int ACT_ALLOW = 0x7FFF0000;
    private static final int ACT_KILL_PROCESS = 0x80000000;
    private static final int ATTR_ACT_BADARCH = 2;
    /** libseccomp's answer for a name it does not know (a call newer than the library). */
    private static final int UNKNOWN = -1;

    private SeccompProgram() {
    }

    private static int errno(int code) {
        return 0x00050000 | (code & 0xFFFF);
    }

    /** Thrown when the policy cannot be compiled here: no libseccomp, an unsupported architecture. */
    public static final class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The architecture of this JVM's host, if the policy covers it. */
    public static SeccompPolicy.Arch nativeArch() {
        String arch = System.getProperty("os.arch");
        return SeccompPolicy.Arch.named(arch).orElseThrow(() -> new UnavailableException("the seccomp policy does not cover "
                + "the " + arch + " architecture (only x86-64 and aarch64): sandboxes would run unconfined, so none run", null));
    }

    /** Compiles the policy for this host's architecture and writes the program to {@code file}. */
    public static void write(Path file) {
        SeccompPolicy.Arch arch = nativeArch();
        LibSeccomp lib = LibSeccomp.load();
        Pointer filter = lib.seccomp_init(errno(SeccompPolicy.EPERM));
        if (filter == null) {
            throw new UnavailableException("libseccomp could not create a filter", null);
        }
        try {
            check(lib.seccomp_attr_set(filter, ATTR_ACT_BADARCH, ACT_KILL_PROCESS), "set the bad-architecture action");
            for (String name : SeccompPolicy.ALLOWED) {
                allow(lib, filter, name);
            }
            for (String name : SeccompPolicy.allowedOn(arch)) {
                allow(lib, filter, name);
            }
            for (var rule : SeccompPolicy.ALLOWED_WITH_ARGUMENTS) {
                int number = lib.seccomp_syscall_resolve_name(rule.syscall());
                var comparisons = (LibSeccomp.Comparison[]) new LibSeccomp.Comparison().toArray(1);
                comparisons[0].arg = rule.argument();
                comparisons[0].op = rule.compare().code;
                comparisons[0].datumA = rule.datumA();
                comparisons[0].datumB = rule.datumB();
                check(lib.seccomp_rule_add_array(filter, ACT_ALLOW, number, 1, comparisons), "allow " + rule);
            }
            for (String name : SeccompPolicy.NOT_IMPLEMENTED) {
                int number = lib.seccomp_syscall_resolve_name(name);
                check(lib.seccomp_rule_add_array(filter, errno(SeccompPolicy.ENOSYS), number, 0, null), "refuse " + name);
            }
            export(lib, filter, file);
        } finally {
            lib.seccomp_release(filter);
        }
    }

    /** A name the library does not know is a call newer than it: it stays refused, like everything not listed. */
    private static void allow(LibSeccomp lib, Pointer filter, String name) {
        int number = lib.seccomp_syscall_resolve_name(name);
        if (number != UNKNOWN) {
            check(lib.seccomp_rule_add_array(filter, ACT_ALLOW, number, 0, null), "allow " + name);
        }
    }

    private static void export(LibSeccomp lib, Pointer filter, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UnavailableException("cannot prepare " + file + ": " + e.getMessage(), e);
        }
        int fd = LibSeccomp.LibC.INSTANCE.open(file.toString(), 0101 | 02000000, 0644); // O_WRONLY | O_CREAT | O_CLOEXEC
        try {
            check(lib.seccomp_export_bpf(filter, fd), "export the program");
        } finally {
            LibSeccomp.LibC.INSTANCE.close(fd);
        }
    }

    private static void check(int result, String what) {
        if (result < 0) {
            throw new UnavailableException("libseccomp could not " + what + ": error " + -result, null);
        }
    }

    /** libseccomp 2.5+ through JNA; loaded by its soname, which Debian's libseccomp2 ships without the -dev package. */
    interface LibSeccomp extends Library {

        static LibSeccomp load() {
            try {
                return Native.load("libseccomp.so.2", LibSeccomp.class);
            } catch (UnsatisfiedLinkError e) {
                throw new UnavailableException("libseccomp is missing (Debian package libseccomp2): " + e.getMessage(), e);
            }
        }

        /** {@code struct scmp_arg_cmp}: 24 bytes on every 64-bit ABI. */
        @Structure.FieldOrder({"arg", "op", "datumA", "datumB"})
        class Comparison extends Structure {
            public int arg;
            public int op;
            public long datumA;
            public long datumB;
        }

        Pointer seccomp_init(int defaultAction);

        void seccomp_release(Pointer filter);

        int seccomp_attr_set(Pointer filter, int attribute, int value);

        int seccomp_syscall_resolve_name(String name);

        int seccomp_rule_add_array(Pointer filter, int action, int syscall, int count, Comparison[] comparisons);

        int seccomp_export_bpf(Pointer filter, int fd);

        interface LibC extends Library {
            LibC INSTANCE = Native.load("c", LibC.class);

            int open(String path, int flags, int mode) throws LastErrorException;

            int close(int fd) throws LastErrorException;
        }
    }

    /** For tests and logs: the names the policy allows that this host's libseccomp can place in a filter. */
    static List<String> resolvable(List<String> names) {
        LibSeccomp lib = LibSeccomp.load();
        return names.stream().filter(name -> lib.seccomp_syscall_resolve_name(name) != UNKNOWN).toList();
    }
}
