package dev.coderunner.sandbox.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import dev.coderunner.sandbox.SandboxFile;

/**
 * Delivers files and stdin to a container through its attached stdin.
 *
 * <p>Docker's attach API cannot signal EOF on a container's stdin through docker-java (the
 * hijacked connection is never half-closed), and its archive API cannot write into a tmpfs on a
 * read-only root. So the container starts a tiny shell launcher that reads a header line
 * {@code "<tar bytes> <stdin bytes>"}, extracts exactly that many tar bytes into the workspace,
 * then feeds exactly the stdin bytes to the program through a pipe: the program sees a real EOF
 * and never sees the framing.
 */
final class LauncherPayload {

    /** The launcher; the program's argv follows as positional parameters. */
    static final String SCRIPT = """
            IFS=' ' read -r files_len stdin_len || exit 125
            if [ "$files_len" -gt 0 ]; then
              head -c "$files_len" | tar -x -m -C . -f - || exit 125
            fi
            head -c "$stdin_len" | "$@"
            """;

    private LauncherPayload() {
    }

    static List<String> command(List<String> argv) {
        var command = new ArrayList<String>(argv.size() + 4);
        command.addAll(List.of("/bin/sh", "-c", SCRIPT, "launcher"));
        command.addAll(argv);
        return command;
    }

    static InputStream stream(List<SandboxFile> files, byte[] stdin) {
        byte[] tar = files.isEmpty() ? new byte[0] : tar(files);
        var payload = new ByteArrayOutputStream(tar.length + stdin.length + 32);
        payload.writeBytes((tar.length + " " + stdin.length + "\n").getBytes(StandardCharsets.US_ASCII));
        payload.writeBytes(tar);
        payload.writeBytes(stdin);
        return new ByteArrayInputStream(payload.toByteArray());
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
