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
 * Delivers files and stdin to a container through its attached stdin, and marks the program's end.
 *
 * <p>Docker's attach API cannot signal EOF on a container's stdin through docker-java (the
 * hijacked connection is never half-closed), and its archive API cannot write into a tmpfs on a
 * read-only root. So the container starts a small shell launcher that reads a header line
 * {@code "<nonce> <tar bytes> <stdin bytes>"}, extracts exactly that many tar bytes into the
 * workspace, then feeds exactly the stdin bytes to the program through a pipe: the program sees a
 * real EOF and never sees the framing.
 *
 * <p>The launcher runs as root with no capability but those to change user; the program and the
 * file staging run as the sandbox's user with none at all. So the program can neither read the
 * launcher's memory nor signal it: once the program has exited, the launcher prints an end marker
 * (a random nonce the program cannot know, and the program's exit status) on stdout and on stderr,
 * then waits until its stdin closes. When both markers have arrived every byte of the program's
 * output has too; while the launcher waits, the service reads the container's figures from outside
 * it, then closes the attach stream, and the launcher exits with the program's status. The answer
 * does not wait for Docker to stop the container (tens of milliseconds). Nothing the program
 * prints is taken for a figure or an exit status: only what follows the nonce.
 */
final class LauncherPayload {

    /**
     * The launcher; the program's uid and gid, then its argv, follow as positional parameters.
     * Exit 125 without a marker means staging failed before the program started. After the run,
     * what the program left of its stdin is drained in bulk (byte by byte, as the read builtin
     * does, is slow under gVisor), then the builtin read waits for the end of stdin (and drains
     * alone if no process can start now). Live stdin ({@code stdin_len} -1) comes in chunks, each a
     * line holding its length in bytes, then those bytes, its end a chunk of length 0: a feeder copies them into
     * the program's pipe as they come, and the markers follow the program's exit at once, whether
     * or not the client has ended its stdin.
     */
    static final String SCRIPT = """
            uid=$1 gid=$2
            shift 2
            drop="--reuid=$uid --regid=$gid --clear-groups --inh-caps=-all --bounding-set=-all --"
            IFS=' ' read -r nonce files_len stdin_len || exit 125
            if [ "$files_len" -gt 0 ]; then
              head -c "$files_len" | setpriv $drop tar -x -m -f - || { echo "sandbox: could not stage the files" >&2; exit 125; }
            fi
            if [ "$stdin_len" -lt 0 ]; then
              { while IFS= read -r n && [ "$n" -gt 0 ]; do head -c "$n"; done; } 2>/dev/null | {
                setpriv $drop "$@"
                status=$?
                printf '\\n%s %03d\\n' "$nonce" "$status"
                printf '\\n%s %03d\\n' "$nonce" "$status" >&2
                exit "$status"
              }
              status=$?
              { while read -r _; do :; done; } 2>/dev/null
              exit "$status"
            fi
            head -c "$stdin_len" | setpriv $drop "$@"
            status=$?
            printf '\\n%s %03d\\n' "$nonce" "$status"
            printf '\\n%s %03d\\n' "$nonce" "$status" >&2
            { head -c "$stdin_len" >/dev/null; while read -r _; do :; done; } 2>/dev/null
            exit "$status"
            """;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String nonce;
    private final byte[] bytes;

    private LauncherPayload(String nonce, byte[] bytes) {
        this.nonce = nonce;
        this.bytes = bytes;
    }

    /** The launcher's command line: {@code user} is the program's {@code uid:gid}. */
    static List<String> command(String user, List<String> argv) {
        String[] ids = user.split(":");
        var command = new ArrayList<String>(argv.size() + 6);
        command.addAll(List.of("/bin/sh", "-c", SCRIPT, "launcher", ids[0], ids[1]));
        command.addAll(argv);
        return command;
    }

    static LauncherPayload of(List<SandboxFile> files, byte[] stdin) {
        return of(files, stdin, false);
    }

    /** With {@code live}, stdin follows as chunks ({@link #chunk}) instead of in the payload. */
    static LauncherPayload of(List<SandboxFile> files, byte[] stdin, boolean live) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String nonce = "usage-" + HexFormat.of().formatHex(random);
        byte[] tar = files.isEmpty() ? new byte[0] : tar(files);
        var payload = new ByteArrayOutputStream(tar.length + stdin.length + 64);
        long stdinLength = live ? -1 : stdin.length;
        payload.writeBytes((nonce + " " + tar.length + " " + stdinLength + "\n").getBytes(StandardCharsets.US_ASCII));
        payload.writeBytes(tar);
        if (!live) {
            payload.writeBytes(stdin);
        }
        return new LauncherPayload(nonce, payload.toByteArray());
    }

    /** One chunk of live stdin as the launcher reads it; an empty one is the end. */
    static byte[] chunk(byte[] data) {
        byte[] header = (data.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = java.util.Arrays.copyOf(header, header.length + data.length);
        System.arraycopy(data, 0, chunk, header.length, data.length);
        return chunk;
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
                entry.setMode(file.mode());
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
