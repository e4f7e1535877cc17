package dev.coderunner.sandbox.seccomp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.LongStream;

/**
 * The system calls a sandboxed program may make, on every engine: a default-deny allowlist equal
 * in effect to Docker's default seccomp profile for a container without capabilities (moby
 * {@code profiles/seccomp/default.json}, v0.2.3 as vendored by Docker 29), plus our own refusals
 * on top of it. The bubblewrap engine compiles it with libseccomp ({@link SeccompProgram}); the
 * Docker engine hands it to the daemon as a profile ({@link DockerSeccompProfile}), because Docker's
 * own default varies by version (Debian's Docker 20.10 lets io_uring through).
 *
 * <p>Everything not allowed here fails with EPERM, including every system call added to the kernel
 * after this list was written. Our refusals beyond Docker's profile: ptrace and process_vm_readv/
 * writev (Docker allows them on kernels from 4.8), and socket families are compared in full 64 bits
 * (Docker's {@code arg0 > 40} lets {@code socket(0x1_00000028)}, an AF_VSOCK socket, through).
 * Docker already refuses io_uring (since 25.0), the new mount API, namespace creation, bpf,
 * keyctl, userfaultfd and perf_event_open to a container without capabilities; so do we.
 */
public final class SeccompPolicy {

    /** Architectures the policy is written for; on any other, an engine is not ready. */
    public enum Arch {
        X86_64(0xC000003E, "SCMP_ARCH_X86_64"),
        AARCH64(0xC00000B7, "SCMP_ARCH_AARCH64");

        /** libseccomp's token, equal to the kernel's AUDIT_ARCH value. */
        public final int token;
        /** The name Docker's profile format uses. */
        public final String dockerName;

        Arch(int token, String dockerName) {
            this.token = token;
            this.dockerName = dockerName;
        }

        /** From a JVM's {@code os.arch} or Docker's {@code Architecture} ({@code amd64}, {@code x86_64}, {@code aarch64}, {@code arm64}). */
        public static Optional<Arch> named(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "amd64", "x86_64" -> Optional.of(X86_64);
                case "aarch64", "arm64" -> Optional.of(AARCH64);
                default -> Optional.empty();
            };
        }
    }

    /** How an argument is compared, numbered as libseccomp's {@code enum scmp_compare}. */
    public enum Compare {
        NE(1), LT(2), LE(3), EQ(4), GE(5), GT(6), MASKED_EQ(7);

        public final int code;

        Compare(int code) {
            this.code = code;
        }
    }

    /**
     * A call allowed only with one argument as given: {@code MASKED_EQ} means
     * {@code (arg & datumA) == datumB}, the others compare the argument with {@code datumA}.
     */
    public record ArgumentRule(String syscall, int argument, Compare compare, long datumA, long datumB) {
    }

    /** Allowed whatever their arguments: Docker's unconditional list, verbatim (names a kernel lacks are skipped). */
    public static final List<String> ALLOWED = List.of(
            "accept", "accept4", "access", "adjtimex", "alarm", "bind", "brk", "cachestat", "capget",
            "capset", "chdir", "chmod", "chown", "chown32", "clock_adjtime", "clock_adjtime64",
            "clock_getres", "clock_getres_time64", "clock_gettime", "clock_gettime64",
            "clock_nanosleep", "clock_nanosleep_time64", "close", "close_range", "connect",
            "copy_file_range", "creat", "dup", "dup2", "dup3", "epoll_create", "epoll_create1",
            "epoll_ctl", "epoll_ctl_old", "epoll_pwait", "epoll_pwait2", "epoll_wait", "epoll_wait_old",
            "eventfd", "eventfd2", "execve", "execveat", "exit", "exit_group", "faccessat",
            "faccessat2", "fadvise64", "fadvise64_64", "fallocate", "fanotify_mark", "fchdir", "fchmod",
            "fchmodat", "fchmodat2", "fchown", "fchown32", "fchownat", "fcntl", "fcntl64", "fdatasync",
            "fgetxattr", "flistxattr", "flock", "fork", "fremovexattr", "fsetxattr", "fstat", "fstat64",
            "fstatat64", "fstatfs", "fstatfs64", "fsync", "ftruncate", "ftruncate64", "futex",
            "futex_requeue", "futex_time64", "futex_wait", "futex_waitv", "futex_wake", "futimesat",
            "getcpu", "getcwd", "getdents", "getdents64", "getegid", "getegid32", "geteuid",
            "geteuid32", "getgid", "getgid32", "getgroups", "getgroups32", "getitimer", "getpeername",
            "getpgid", "getpgrp", "getpid", "getppid", "getpriority", "getrandom", "getresgid",
            "getresgid32", "getresuid", "getresuid32", "getrlimit", "get_robust_list", "getrusage",
            "getsid", "getsockname", "getsockopt", "get_thread_area", "gettid", "gettimeofday",
            "getuid", "getuid32", "getxattr", "getxattrat", "inotify_add_watch", "inotify_init",
            "inotify_init1", "inotify_rm_watch", "io_cancel", "ioctl", "io_destroy", "io_getevents",
            "io_pgetevents", "io_pgetevents_time64", "ioprio_get", "ioprio_set", "io_setup",
            "io_submit", "ipc", "kill", "landlock_add_rule", "landlock_create_ruleset",
            "landlock_restrict_self", "lchown", "lchown32", "lgetxattr", "link", "linkat", "listen",
            "listmount", "listxattr", "listxattrat", "llistxattr", "_llseek", "lremovexattr", "lseek",
            "lsetxattr", "lstat", "lstat64", "madvise", "map_shadow_stack", "membarrier",
            "memfd_create", "memfd_secret", "mincore", "mkdir", "mkdirat", "mknod", "mknodat", "mlock",
            "mlock2", "mlockall", "mmap", "mmap2", "mprotect", "mq_getsetattr", "mq_notify", "mq_open",
            "mq_timedreceive", "mq_timedreceive_time64", "mq_timedsend", "mq_timedsend_time64",
            "mq_unlink", "mremap", "mseal", "msgctl", "msgget", "msgrcv", "msgsnd", "msync", "munlock",
            "munlockall", "munmap", "name_to_handle_at", "nanosleep", "newfstatat", "_newselect",
            "open", "openat", "openat2", "pause", "pidfd_open", "pidfd_send_signal", "pipe", "pipe2",
            "pkey_alloc", "pkey_free", "pkey_mprotect", "poll", "ppoll", "ppoll_time64", "prctl",
            "pread64", "preadv", "preadv2", "prlimit64", "process_mrelease", "pselect6",
            "pselect6_time64", "pwrite64", "pwritev", "pwritev2", "read", "readahead", "readlink",
            "readlinkat", "readv", "recv", "recvfrom", "recvmmsg", "recvmmsg_time64", "recvmsg",
            "remap_file_pages", "removexattr", "removexattrat", "rename", "renameat", "renameat2",
            "restart_syscall", "riscv_hwprobe", "rmdir", "rseq", "rt_sigaction", "rt_sigpending",
            "rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn", "rt_sigsuspend", "rt_sigtimedwait",
            "rt_sigtimedwait_time64", "rt_tgsigqueueinfo", "sched_getaffinity", "sched_getattr",
            "sched_getparam", "sched_get_priority_max", "sched_get_priority_min", "sched_getscheduler",
            "sched_rr_get_interval", "sched_rr_get_interval_time64", "sched_setaffinity",
            "sched_setattr", "sched_setparam", "sched_setscheduler", "sched_yield", "seccomp", "select",
            "semctl", "semget", "semop", "semtimedop", "semtimedop_time64", "send", "sendfile",
            "sendfile64", "sendmmsg", "sendmsg", "sendto", "setfsgid", "setfsgid32", "setfsuid",
            "setfsuid32", "setgid", "setgid32", "setgroups", "setgroups32", "setitimer", "setpgid",
            "setpriority", "setregid", "setregid32", "setresgid", "setresgid32", "setresuid",
            "setresuid32", "setreuid", "setreuid32", "setrlimit", "set_robust_list", "setsid",
            "setsockopt", "set_thread_area", "set_tid_address", "setuid", "setuid32", "setxattr",
            "setxattrat", "shmat", "shmctl", "shmdt", "shmget", "shutdown", "sigaltstack", "signalfd",
            "signalfd4", "sigprocmask", "sigreturn", "socketcall", "socketpair", "splice", "stat",
            "stat64", "statfs", "statfs64", "statmount", "statx", "symlink", "symlinkat", "sync",
            "sync_file_range", "syncfs", "sysinfo", "tee", "tgkill", "time", "timer_create",
            "timer_delete", "timer_getoverrun", "timer_gettime", "timer_gettime64", "timer_settime",
            "timer_settime64", "timerfd_create", "timerfd_gettime", "timerfd_gettime64",
            "timerfd_settime", "timerfd_settime64", "times", "tkill", "truncate", "truncate64",
            "ugetrlimit", "umask", "uname", "unlink", "unlinkat", "uretprobe", "utime", "utimensat",
            "utimensat_time64", "utimes", "vfork", "vmsplice", "wait4", "waitid", "waitpid", "write",
            "writev");

    /** Allowed on one architecture only (Docker's arch-gated rules that apply without capabilities). */
    public static List<String> allowedOn(Arch arch) {
        return arch == Arch.X86_64 ? List.of("arch_prctl", "modify_ldt") : List.of();
    }

    /** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET: clone is allowed without any of them. */
    public static final long CLONE_NEW_NAMESPACES = 0x7E020000L;

    /** Allowed only with these arguments; several rules for one call are alternatives. */
    public static final List<ArgumentRule> ALLOWED_WITH_ARGUMENTS = argumentRules();

    /** Refused with ENOSYS instead of EPERM, so libc falls back to clone(), whose flags the policy can read. */
    public static final List<String> NOT_IMPLEMENTED = List.of("clone3");

    /** Errno values the refusals carry. */
    public static final int EPERM = 1;
    public static final int ENOSYS = 38;

    private SeccompPolicy() {
    }

    private static List<ArgumentRule> argumentRules() {
        var rules = new ArrayList<ArgumentRule>();
        rules.add(new ArgumentRule("clone", 0, Compare.MASKED_EQ, CLONE_NEW_NAMESPACES, 0));
        // PER_LINUX, PER_LINUX32, UNAME26, UNAME26 | PER_LINUX32, and the query 0xffffffff.
        LongStream.of(0x0, 0x8, 0x20000, 0x20008, 0xFFFFFFFFL)
                .forEach(persona -> rules.add(new ArgumentRule("personality", 0, Compare.EQ, persona, 0)));
        // Address families below AF_ALG (38), AF_NFC (39), and AF_KCM (41) to 63: never AF_ALG or
        // AF_VSOCK (40). Equality and less-than fail when the upper 32 bits are set, which the
        // kernel would ignore: a family smuggled in the upper half is refused.
        rules.add(new ArgumentRule("socket", 0, Compare.LT, 38, 0));
        rules.add(new ArgumentRule("socket", 0, Compare.EQ, 39, 0));
        LongStream.rangeClosed(41, 63).forEach(family -> rules.add(new ArgumentRule("socket", 0, Compare.EQ, family, 0)));
        return List.copyOf(rules);
    }
}
