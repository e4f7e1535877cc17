package dev.coderunner.sandbox.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program libseccomp compiles from the policy, run in a small classic-BPF interpreter: its
 * decisions are checked without a kernel. Syscall numbers are x86-64's, pinned here.
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64")
class SeccompProgramTests {

    private static final int ALLOW = 0x7FFF0000;
    private static final int EPERM = 0x00050001;
    private static final int ENOSYS = 0x00050000 | 38;
    private static final int KILL_PROCESS = 0x80000000;
    private static final int X86_64 = 0xC000003E;

    /** Refused, by x86-64 number: our refusals, Docker's without capabilities, and calls newer than the list. */
    private static final Map<String, Integer> REFUSED = Map.ofEntries(
            Map.entry("ptrace", 101), Map.entry("process_vm_readv", 310), Map.entry("process_vm_writev", 311),
            Map.entry("unshare", 272), Map.entry("setns", 308), Map.entry("mount", 165), Map.entry("umount2", 166),
            Map.entry("pivot_root", 155), Map.entry("chroot", 161), Map.entry("keyctl", 250), Map.entry("add_key", 248),
            Map.entry("request_key", 249), Map.entry("bpf", 321), Map.entry("userfaultfd", 323),
            Map.entry("perf_event_open", 298), Map.entry("io_uring_setup", 425), Map.entry("io_uring_enter", 426),
            Map.entry("io_uring_register", 427), Map.entry("open_tree", 428), Map.entry("move_mount", 429),
            Map.entry("fsopen", 430), Map.entry("fsconfig", 431), Map.entry("fsmount", 432), Map.entry("fspick", 433),
            Map.entry("mount_setattr", 442), Map.entry("open_tree_attr", 467), Map.entry("kexec_load", 246),
            Map.entry("init_module", 175), Map.entry("finit_module", 313), Map.entry("reboot", 169),
            Map.entry("swapon", 167), Map.entry("syslog", 103), Map.entry("settimeofday", 164),
            Map.entry("clock_settime", 227), Map.entry("iopl", 172), Map.entry("open_by_handle_at", 304),
            Map.entry("kcmp", 312), Map.entry("fanotify_init", 300), Map.entry("lsm_set_self_attr", 460),
            Map.entry("a call from the future", 500));

    private static ByteBuffer program;

    @BeforeAll
    static void compile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("seccomp.bpf");
        SeccompProgram.write(file);
        program = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(program.capacity() % 8).as("whole sock_filter instructions").isZero();
    }

    @Test
    void refusedCallsGetEperm() {
        REFUSED.forEach((name, number) -> assertThat(run(X86_64, number, 0)).as(name).isEqualTo(EPERM));
    }

    @Test
    void ordinaryCallsAreAllowed() {
        Map.ofEntries(Map.entry("read", 0), Map.entry("write", 1), Map.entry("openat", 257), Map.entry("mmap", 9),
                Map.entry("execve", 59), Map.entry("exit_group", 231), Map.entry("futex", 202), Map.entry("arch_prctl", 158),
                Map.entry("rseq", 334), Map.entry("prlimit64", 302), Map.entry("wait4", 61))
                .forEach((name, number) -> assertThat(run(X86_64, number, 0)).as(name).isEqualTo(ALLOW));
    }

    @Test
    void cloneIsAllowedOnlyWithoutNamespaceFlagsAndClone3IsNotImplemented() {
        int clone = 56;
        int sigchld = 17;
        int threadFlags = 0x003D0F00;
        assertThat(run(X86_64, clone, sigchld)).isEqualTo(ALLOW);
        assertThat(run(X86_64, clone, threadFlags)).isEqualTo(ALLOW);
        for (long flag : new long[] {0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000}) {
            assertThat(run(X86_64, clone, flag | sigchld)).as("clone with %x", flag).isEqualTo(EPERM);
        }
        assertThat(run(X86_64, 435, 0)).as("clone3").isEqualTo(ENOSYS);
    }

    @Test
    void socketFamiliesAlgAndVsockAreRefusedEvenSmuggledInTheUpperHalf() {
        int socket = 41;
        assertThat(run(X86_64, socket, 2)).as("AF_INET").isEqualTo(ALLOW);
        assertThat(run(X86_64, socket, 1)).as("AF_UNIX").isEqualTo(ALLOW);
        assertThat(run(X86_64, socket, 38)).as("AF_ALG").isEqualTo(EPERM);
        assertThat(run(X86_64, socket, 40)).as("AF_VSOCK").isEqualTo(EPERM);
        assertThat(run(X86_64, socket, 0x1_00000028L)).as("AF_VSOCK with the upper half set").isEqualTo(EPERM);
        assertThat(run(X86_64, socket, 0x1_00000002L)).as("AF_INET with the upper half set").isEqualTo(EPERM);
    }

    @Test
    void personalityMayOnlyQueryOrKeepLinux() {
        int personality = 135;
        assertThat(run(X86_64, personality, 0xFFFFFFFFL)).isEqualTo(ALLOW);
        assertThat(run(X86_64, personality, 0)).isEqualTo(ALLOW);
        assertThat(run(X86_64, personality, 0x0400000)).as("READ_IMPLIES_EXEC").isEqualTo(EPERM);
    }

    @Test
    void otherAbisAreKilled() {
        assertThat(run(0x40000003, 0, 0)).as("i386").isEqualTo(KILL_PROCESS);
        assertThat(run(X86_64, 0x40000000 | 101, 0)).as("x32 ptrace").isEqualTo(KILL_PROCESS);
    }

    /** A classic-BPF interpreter for what libseccomp emits: loads, jumps on constants, and, ret. */
    private static int run(int arch, int nr, long arg0) {
        Map<Integer, Integer> data = Map.of(0, nr, 4, arch, 16, (int) arg0, 20, (int) (arg0 >>> 32));
        int accumulator = 0;
        for (int pc = 0; ; ) {
            int code = program.getShort(pc * 8) & 0xFFFF;
            int jt = program.get(pc * 8 + 2) & 0xFF;
            int jf = program.get(pc * 8 + 3) & 0xFF;
            int k = program.getInt(pc * 8 + 4);
            switch (code) {
                case 0x20 -> { accumulator = data.getOrDefault(k, 0); pc++; }
                case 0x54 -> { accumulator &= k; pc++; }
                case 0x05 -> pc += 1 + k;
                case 0x15 -> pc += 1 + (accumulator == k ? jt : jf);
                case 0x25 -> pc += 1 + (Integer.compareUnsigned(accumulator, k) > 0 ? jt : jf);
                case 0x35 -> pc += 1 + (Integer.compareUnsigned(accumulator, k) >= 0 ? jt : jf);
                case 0x45 -> pc += 1 + ((accumulator & k) != 0 ? jt : jf);
                case 0x06 -> { return k; }
                default -> throw new IllegalStateException("unexpected opcode 0x" + Integer.toHexString(code));
            }
        }
    }
}
