package dev.coderunner.sandbox.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import dev.coderunner.sandbox.SandboxFile;

/**
 * The regular files of a container's working directory, read while its launcher still holds it:
 * {@code tar} runs in the container (same user, same limits) and its archive comes back on the exec
 * stream. Docker's archive API cannot help: the workspace is a tmpfs, gone once the container
 * stops. Links and special files are skipped; the archive is bounded by the workspace's size.
 */
final class WorkspaceArchive {

    private final DockerClient docker;
    private final String user;
    private final long limit;
    private final Duration timeout;

    WorkspaceArchive(DockerClient docker, String user, long limit, Duration timeout) {
        this.docker = docker;
        this.user = user;
        this.limit = limit;
        this.timeout = timeout;
    }

    List<SandboxFile> read(String containerId) {
        String exec = docker.execCreateCmd(containerId).withUser(user).withAttachStdout(true).withAttachStderr(false)
                .withCmd("tar", "-c", "-f", "-", "-C", DockerContainerSpec.WORKSPACE, ".").exec().getId();
        var archive = new ByteArrayOutputStream();
        var tooLarge = new AtomicBoolean();
        var callback = docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                if (frame.getStreamType() != StreamType.STDOUT || tooLarge.get()) {
                    return;
                }
                // tar pads the archive; allow its blocks on top of the files themselves.
                if (archive.size() + frame.getPayload().length > limit + limit / 8 + 64 * 1024) {
                    tooLarge.set(true);
                    return;
                }
                archive.writeBytes(frame.getPayload());
            }
        });
        try {
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("reading the working directory took longer than " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the working directory", e);
        } finally {
            try {
                callback.close();
            } catch (IOException alreadyClosed) {
                // The exec ended.
            }
        }
        if (tooLarge.get()) {
            throw new IllegalStateException("the working directory holds more than " + limit + " bytes");
        }
        return files(archive.toByteArray());
    }

    private static List<SandboxFile> files(byte[] archive) {
        var files = new ArrayList<SandboxFile>();
        try (var tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (!entry.isFile()) {
                    continue;
                }
                String name = Path.of(entry.getName()).normalize().toString();
                if (name.startsWith("..") || name.startsWith("/")) {
                    continue;
                }
                boolean executable = (entry.getMode() & 0100) != 0;
                files.add(new SandboxFile(name, tar.readAllBytes(), executable ? 0755 : SandboxFile.WRITABLE));
            }
        } catch (IOException e) {
            throw new IllegalStateException("the working directory's archive is unreadable: " + e.getMessage(), e);
        }
        return files;
    }
}
