package dev.coderunner.sandbox.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import dev.coderunner.sandbox.SandboxFile;

/**
 * Delivers files and stdin to a container through its attached stdin, and gets the run's cgroup
 * figures back.
 *
 * <p>Docker's attach API cannot signal EOF on a container's stdin through docker-java (the
 * hijacked connection is never half-closed), and its archive API cannot write into a tmpfs on a
 * read-only root. So the container starts a small shell launcher that reads a header line
 * {@code "<nonce> <tar bytes> <stdin bytes>"}, extracts exactly that many tar bytes into the
 * workspace, then feeds exactly the stdin bytes to the program through a pipe: the program sees a
 * real EOF and never sees the framing.
 *
 * <p>A container's cgroup disappears the moment it stops, so the launcher reads the CPU time, peak
 * memory and OOM kills itself once the program has exited and prints them, with the exit status,
 * on stdout and on stderr after a random nonce the program cannot know. {@link UsageTrailer} takes
 * those lines back out of the output. Once both have arrived, every byte of the program's output
 * has too, and the run is over without waiting for Docker to tear the container down.
 */
final class LauncherPayload {

    /**
     * The launcher; the program's argv follows as positional parameters. Exit 125 without a report
     * line means staging failed before the program started. Builtins only after the run, so the
     * figures are reported even when the program exhausted its process limit.
     */
    static final String SCRIPT = """
            IFS=' ' read -r nonce files_len stdin_len || exit 125
            if [ "$files_len" -gt 0 ]; then
              head -c "$files_len" | tar -x -m -f - || { echo "sandbox: could not stage the files" >&2; exit 125; }
            fi
            head -c "$stdin_len" | "$@"
            status=$?
            cpu=- mem=- oom=0 events=/sys/fs/cgroup/memory/memory.oom_control
            if [ -r /sys/fs/cgroup/cpu.stat ]; then
              events=/sys/fs/cgroup/memory.events
              while read -r key value; do [ "$key" = usage_usec ] && cpu=${value}000; done < /sys/fs/cgroup/cpu.stat
              [ -r /sys/fs/cgroup/memory.peak ] && read -r mem < /sys/fs/cgroup/memory.peak
            else
              [ -r /sys/fs/cgroup/cpuacct/cpuacct.usage ] && read -r cpu < /sys/fs/cgroup/cpuacct/cpuacct.usage
              [ -r /sys/fs/cgroup/memory/memory.max_usage_in_bytes ] && read -r mem < /sys/fs/cgroup/memory/memory.max_usage_in_bytes
            fi
            [ -r "$events" ] && while read -r key value; do [ "$key" = oom_kill ] && oom=$value; done < "$events"
            printf '\\n%s %s %s %s %s\\n' "$nonce" "$cpu" "$mem" "$status" "$oom"
            printf '\\n%s %s %s %s %s\\n' "$nonce" "$cpu" "$mem" "$status" "$oom" >&2
            exit "$status"
            """;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String nonce;
    private final byte[] bytes;

    private LauncherPayload(String nonce, byte[] bytes) {
        this.nonce = nonce;
        this.bytes = bytes;
    }

    static List<String> command(List<String> argv) {
        var command = new ArrayList<String>(argv.size() + 4);
        command.addAll(List.of("/bin/sh", "-c", SCRIPT, "launcher"));
        command.addAll(argv);
        return command;
    }

    static LauncherPayload of(List<SandboxFile> files, byte[] stdin) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String nonce = "usage-" + HexFormat.of().formatHex(random);
        byte[] tar = files.isEmpty() ? new byte[0] : tar(files);
        var payload = new ByteArrayOutputStream(tar.length + stdin.length + 64);
        payload.writeBytes((nonce + " " + tar.length + " " + stdin.length + "\n").getBytes(StandardCharsets.US_ASCII));
        payload.writeBytes(tar);
        payload.writeBytes(stdin);
        return new LauncherPayload(nonce, payload.toByteArray());
    }

    String nonce() {
        return nonce;
    }

    byte[] bytes() {
        return bytes;
    }

    private static byte[] tar(List<SandboxFile> files) {
        var bytes = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (SandboxFile file : files) {
                var entry = new TarArchiveEntry(file.path());
                entry.setSize(file.content().length);
                entry.setMode(0644);
                tar.putArchiveEntry(entry);
                tar.write(file.content());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
