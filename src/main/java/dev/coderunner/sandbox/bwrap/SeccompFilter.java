package dev.coderunner.sandbox.bwrap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seccomp program bubblewrap loads into every sandbox (x86-64): it refuses with EPERM the
 * syscalls Docker's default profile refuses to unprivileged programs, plus io_uring and the new
 * mount API; refuses clone() that asks for new namespaces; answers clone3() with ENOSYS so libc
 * falls back to clone(), whose flags can be inspected; and kills any process using another ABI
 * (x32, i386), whose syscall numbers would slip past the list.
 *
 * <p>The program is classic BPF, assembled here because it is small and fixed; the kernel
 * verifies it when bubblewrap installs it.
 */
final class SeccompFilter {

    static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int X32_SYSCALL_BIT = 0x40000000;
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;

    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int RET_ALLOW = 0x7FFF0000;

    // struct seccomp_data { int nr; u32 arch; u64 instruction_pointer; u64 args[6]; }
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;
    private static final int OFFSET_ARG0_LOW = 16;

    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short JGE_K = 0x35;
    private static final short JSET_K = 0x45;
    private static final short RET_K = 0x06;

    static final int CLONE = 56;
    static final int CLONE3 = 435;
    /** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET | NEWTIME. */
    static final int CLONE_NEW_NAMESPACES = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000
            | 0x20000000 | 0x40000000 | 0x00000080;

    /** Refused with EPERM, by x86-64 number. */
    static final Map<String, Integer> DENIED = new TreeMap<>(Map.ofEntries(
            Map.entry("ptrace", 101), Map.entry("syslog", 103), Map.entry("uselib", 134),
            Map.entry("personality", 135), Map.entry("ustat", 136), Map.entry("sysfs", 139),
            Map.entry("vhangup", 153), Map.entry("pivot_root", 155), Map.entry("_sysctl", 156),
            Map.entry("chroot", 161), Map.entry("acct", 163), Map.entry("settimeofday", 164),
            Map.entry("mount", 165), Map.entry("umount2", 166), Map.entry("swapon", 167), Map.entry("swapoff", 168),
            Map.entry("reboot", 169), Map.entry("iopl", 172), Map.entry("ioperm", 173),
            Map.entry("create_module", 174), Map.entry("init_module", 175), Map.entry("delete_module", 176),
            Map.entry("get_kernel_syms", 177), Map.entry("query_module", 178), Map.entry("quotactl", 179),
            Map.entry("nfsservctl", 180), Map.entry("lookup_dcookie", 212), Map.entry("clock_settime", 227),
            Map.entry("mbind", 237), Map.entry("set_mempolicy", 238), Map.entry("get_mempolicy", 239),
            Map.entry("kexec_load", 246), Map.entry("add_key", 248), Map.entry("request_key", 249),
            Map.entry("keyctl", 250), Map.entry("unshare", 272), Map.entry("move_pages", 279),
            Map.entry("perf_event_open", 298), Map.entry("name_to_handle_at", 303),
            Map.entry("open_by_handle_at", 304), Map.entry("clock_adjtime", 305), Map.entry("setns", 308),
            Map.entry("process_vm_readv", 310), Map.entry("process_vm_writev", 311), Map.entry("kcmp", 312),
            Map.entry("finit_module", 313), Map.entry("kexec_file_load", 320), Map.entry("bpf", 321),
            Map.entry("userfaultfd", 323), Map.entry("io_uring_setup", 425), Map.entry("io_uring_enter", 426),
            Map.entry("io_uring_register", 427), Map.entry("open_tree", 428), Map.entry("move_mount", 429),
            Map.entry("fsopen", 430), Map.entry("fsconfig", 431), Map.entry("fsmount", 432),
            Map.entry("fspick", 433), Map.entry("mount_setattr", 442)));

    private SeccompFilter() {
    }

    /** The program as the kernel's struct sock_filter array, native (little-endian) byte order. */
    static byte[] program() {
        var code = new ArrayList<int[]>();
        List<Integer> denied = List.copyOf(DENIED.values());
        int n = denied.size();
        // Layout: [0] ld arch, [1] jeq x86_64, [2] ld nr, [3] jge x32, [4..4+n) denied, [4+n] clone,
        // [5+n] clone3, [6+n] allow, [7+n] ld arg0, [8+n] jset namespaces, [9+n] allow,
        // [10+n] errno EPERM, [11+n] errno ENOSYS, [12+n] kill.
        int allow = 6 + n, checkFlags = 7 + n, eperm = 10 + n, enosys = 11 + n, kill = 12 + n;
        code.add(op(LD_W_ABS, 0, 0, OFFSET_ARCH));
        code.add(jump(JEQ_K, code.size(), code.size() + 1, kill, AUDIT_ARCH_X86_64));
        code.add(op(LD_W_ABS, 0, 0, OFFSET_NR));
        code.add(jump(JGE_K, code.size(), kill, code.size() + 1, X32_SYSCALL_BIT));
        for (int syscall : denied) {
            code.add(jump(JEQ_K, code.size(), eperm, code.size() + 1, syscall));
        }
        code.add(jump(JEQ_K, code.size(), checkFlags, code.size() + 1, CLONE));
        code.add(jump(JEQ_K, code.size(), enosys, allow, CLONE3));
        code.add(op(RET_K, 0, 0, RET_ALLOW));
        code.add(op(LD_W_ABS, 0, 0, OFFSET_ARG0_LOW));
        code.add(jump(JSET_K, code.size(), eperm, code.size() + 1, CLONE_NEW_NAMESPACES));
        code.add(op(RET_K, 0, 0, RET_ALLOW));
        code.add(op(RET_K, 0, 0, RET_ERRNO | EPERM));
        code.add(op(RET_K, 0, 0, RET_ERRNO | ENOSYS));
        code.add(op(RET_K, 0, 0, RET_KILL_PROCESS));

        var bytes = ByteBuffer.allocate(code.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] instruction : code) {
            bytes.putShort((short) instruction[0]).put((byte) instruction[1]).put((byte) instruction[2]).putInt(instruction[3]);
        }
        return bytes.array();
    }

    private static int[] op(short code, int jt, int jf, int k) {
        return new int[] {code, jt, jf, k};
    }

    /** A conditional jump from instruction {@code at} to absolute targets (BPF offsets are relative). */
    private static int[] jump(short code, int at, int ifTrue, int ifFalse, int k) {
        int jt = ifTrue - at - 1;
        int jf = ifFalse - at - 1;
        if (jt < 0 || jt > 255 || jf < 0 || jf > 255) {
            throw new IllegalStateException("seccomp jump out of range at " + at);
        }
        return new int[] {code, jt, jf, k};
    }
}
