package dev.coderunner.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import dev.coderunner.support.SandboxIntegrationTest;

/**
 * The seccomp policy from inside, on the engine under test: the same calls are refused on every
 * engine. Each call is made with arguments that would succeed, or fail otherwise than EPERM, were
 * it allowed, so the answer is the filter's.
 */
@DisabledIfSystemProperty(named = "test.docker.runtime", matches = "runsc", disabledReason = "the policy is not handed to "
        + "gVisor: its 2022-12-19 release mis-evaluates the profile's clone argument filter (with --oci-seccomp every "
        + "thread creation fails); the program's calls are served by gVisor's own kernel instead")
class SeccompIT extends SandboxIntegrationTest {

    private static final String PROBE = """
            #define _GNU_SOURCE
            #include <errno.h>
            #include <pthread.h>
            #include <stdio.h>
            #include <string.h>
            #include <sys/socket.h>
            #include <sys/syscall.h>
            #include <sys/wait.h>
            #include <unistd.h>
            static void report(const char *name, long result) {
                const char *outcome = result >= 0 ? "ok" : errno == EPERM ? "EPERM" : errno == ENOSYS ? "ENOSYS"
                        : strerrordesc_np(errno);
                printf("%s %s\\n", name, outcome);
            }
            static void *thread(void *arg) { return arg; }
            int main(void) {
                char buffer[64] = {0};
                pid_t self = getpid();
                report("ptrace", syscall(SYS_ptrace, 0 /* PTRACE_TRACEME */, 0, 0, 0));
                report("process_vm_readv", syscall(SYS_process_vm_readv, self, 0, 0, 0, 0, 0));
                report("process_vm_writev", syscall(SYS_process_vm_writev, self, 0, 0, 0, 0, 0));
                report("unshare", syscall(SYS_unshare, 0));
                report("setns", syscall(SYS_setns, -1, 0));
                report("clone-newuser", syscall(SYS_clone, 0x10000000 | 17 /* CLONE_NEWUSER | SIGCHLD */, 0, 0, 0, 0));
                report("clone3", syscall(435, 0, 0));
                report("io_uring_setup", syscall(425, 1, buffer));
                report("io_uring_enter", syscall(426, -1, 0, 0, 0, 0, 0));
                report("io_uring_register", syscall(427, -1, 0, 0, 0));
                report("open_tree", syscall(428, -100, "/", 0));
                report("move_mount", syscall(429, -1, "", -1, "", 0));
                report("fsopen", syscall(430, "tmpfs", 0));
                report("fsconfig", syscall(431, -1, 0, 0, 0, 0));
                report("fsmount", syscall(432, -1, 0, 0));
                report("fspick", syscall(433, -100, "/", 0));
                report("mount_setattr", syscall(442, -1, "", 0, 0, 0));
                report("open_tree_attr", syscall(467, -100, "/", 0, 0, 0));
                report("keyctl", syscall(SYS_keyctl, 0 /* GET_KEYRING_ID */, -2 /* process keyring */, 1));
                report("add_key", syscall(SYS_add_key, "user", "k", "v", 1, -2));
                report("perf_event_open", syscall(SYS_perf_event_open, 0, 0, -1, -1, 0));
                report("kcmp", syscall(SYS_kcmp, self, self, 0, 0, 0));
                report("personality-exec", syscall(SYS_personality, 0x0400000 /* READ_IMPLIES_EXEC */));
                report("socket-vsock", syscall(SYS_socket, 40, SOCK_STREAM, 0));
                report("socket-vsock-high", syscall(SYS_socket, 0x100000028L, SOCK_STREAM, 0));
                report("socket-alg", syscall(SYS_socket, 38, SOCK_SEQPACKET, 0));
                report("future-syscall", syscall(500, 0, 0, 0));
                report("socket-inet", socket(2, SOCK_STREAM, 0));
                report("socket-unix", socket(1, SOCK_STREAM, 0));
                pid_t child = fork();
                if (child == 0) _exit(7);
                int status = 0;
                waitpid(child, &status, 0);
                printf("fork %s\\n", WIFEXITED(status) && WEXITSTATUS(status) == 7 ? "ok" : "broken");
                pthread_t t;
                printf("thread %s\\n", pthread_create(&t, 0, thread, 0) == 0 && pthread_join(t, 0) == 0 ? "ok" : "broken");
                return 0;
            }
            """;

    @Test
    void refusedCallsAreRefusedOnEveryEngineAndOrdinaryOnesWork() {
        var reply = api.run("c", PROBE);
        assertThat(reply.text("status")).as(reply.raw()).isEqualTo("OK");

        var outcomes = new LinkedHashMap<String, String>();
        reply.text("stdout").lines().map(line -> line.split(" ", 2)).forEach(parts -> outcomes.put(parts[0], parts[1]));
        var expected = new LinkedHashMap<String, String>();
        for (String refused : new String[] {"ptrace", "process_vm_readv", "process_vm_writev", "unshare", "setns",
                "clone-newuser", "io_uring_setup", "io_uring_enter", "io_uring_register", "open_tree", "move_mount",
                "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr", "keyctl", "add_key",
                "perf_event_open", "kcmp", "personality-exec", "socket-vsock", "socket-vsock-high", "socket-alg"}) {
            expected.put(refused, "EPERM");
        }
        expected.put("clone3", "ENOSYS");
        expected.putAll(Map.of("socket-inet", "ok", "socket-unix", "ok", "fork", "ok", "thread", "ok"));

        assertThat(outcomes).as(reply.raw()).containsAllEntriesOf(expected);
        // Calls newer than libseccomp's table are refused: EPERM from our filter, ENOSYS from runc's stub
        // for numbers above the highest it knows.
        assertThat(outcomes.get("open_tree_attr")).isIn("EPERM", "ENOSYS");
        assertThat(outcomes.get("future-syscall")).isIn("EPERM", "ENOSYS");
        assertThat(api.run("python", "print('next run is fine')").text("output")).isEqualTo("next run is fine\n");
    }
}
