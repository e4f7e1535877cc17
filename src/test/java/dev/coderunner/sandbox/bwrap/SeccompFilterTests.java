package dev.coderunner.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Runs the assembled BPF program in a tiny interpreter, so its decisions are checked without a kernel. */
class SeccompFilterTests {

    private static final int ALLOW = 0x7FFF0000;
    private static final int EPERM = 0x00050001;
    private static final int ENOSYS = 0x00050000 | 38;
    private static final int KILL = 0x80000000;

    /** Pinned here, not read from the production list: a call dropped from the policy must fail this test. */
    private static final int[] REFUSED = {101, 103, 134, 135, 136, 139, 153, 155, 156, 161, 163, 164, 165, 166, 167,
            168, 169, 172, 173, 174, 175, 176, 177, 178, 179, 180, 212, 227, 237, 238, 239, 246, 248, 249, 250, 272, 279,
            298, 303, 304, 305, 308, 310, 311, 312, 313, 320, 321, 323, 425, 426, 427, 428, 429, 430, 431, 432, 433, 442};

    @Test
    void deniedSyscallsGetEpermAndOthersAreAllowed() {
        assertThat(SeccompFilter.DENIED).hasSize(REFUSED.length);
        for (int syscall : REFUSED) {
            assertThat(run(SeccompFilter.AUDIT_ARCH_X86_64, syscall, 0)).as("syscall %d", syscall).isEqualTo(EPERM);
        }
        assertThat(run(SeccompFilter.AUDIT_ARCH_X86_64, 0, 0)).as("read").isEqualTo(ALLOW);
        assertThat(run(SeccompFilter.AUDIT_ARCH_X86_64, 1, 0)).as("write").isEqualTo(ALLOW);
        assertThat(run(SeccompFilter.AUDIT_ARCH_X86_64, 59, 0)).as("execve").isEqualTo(ALLOW);
    }

    @Test
    void cloneIsRefusedOnlyWhenItAsksForNamespaces() {
        int sigchld = 17;
        assertThat(run(SeccompFilter.AUDIT_ARCH_X86_64, SeccompFilter.CLONE, sigchld)).isEqualTo(ALLOW);
        assertThat(run(SeccompFilter.AUDIT_ARCH_X86_64, SeccompFilter.CLONE, 0x10000000 | sigchld)).isEqualTo(EPERM);
        assertThat(run(SeccompFilter.AUDIT_ARCH_X86_64, SeccompFilter.CLONE, 0x40000000)).isEqualTo(EPERM);
        assertThat(run(SeccompFilter.AUDIT_ARCH_X86_64, SeccompFilter.CLONE3, 0)).isEqualTo(ENOSYS);
    }

    @Test
    void otherArchitecturesAndTheX32AbiAreKilled() {
        assertThat(run(0x40000003, 0, 0)).as("i386").isEqualTo(KILL);
        assertThat(run(SeccompFilter.AUDIT_ARCH_X86_64, 0x40000000 | 101, 0)).as("x32 ptrace").isEqualTo(KILL);
    }

    /** A classic-BPF interpreter for the handful of instructions the filter uses. */
    private static int run(int arch, int nr, int arg0) {
        ByteBuffer program = ByteBuffer.wrap(SeccompFilter.program()).order(ByteOrder.LITTLE_ENDIAN);
        Map<Integer, Integer> data = new HashMap<>(Map.of(0, nr, 4, arch, 16, arg0));
        int accumulator = 0;
        for (int pc = 0; ; ) {
            int code = program.getShort(pc * 8) & 0xFFFF;
            int jt = program.get(pc * 8 + 2) & 0xFF;
            int jf = program.get(pc * 8 + 3) & 0xFF;
            int k = program.getInt(pc * 8 + 4);
            switch (code) {
                case 0x20 -> { accumulator = data.getOrDefault(k, 0); pc++; }
                case 0x15 -> pc += 1 + (accumulator == k ? jt : jf);
                case 0x35 -> pc += 1 + (Integer.compareUnsigned(accumulator, k) >= 0 ? jt : jf);
                case 0x45 -> pc += 1 + ((accumulator & k) != 0 ? jt : jf);
                case 0x06 -> { return k; }
                default -> throw new IllegalStateException("unexpected opcode " + code);
            }
        }
    }
}
