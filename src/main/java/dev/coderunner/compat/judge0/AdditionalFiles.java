package dev.coderunner.compat.judge0;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.coderunner.execution.ExecutionRequest;

/**
 * {@code additional_files}, a zip archive, unpacked in memory into the files of a run. The sizes
 * an archive claims are not trusted: bytes are counted as they are inflated, so a zip bomb is
 * refused when it passes the bound, not after. Names are kept as they are: the core refuses any
 * name that is not a plain relative path, nothing is cleaned here.
 */
final class AdditionalFiles {

    /** Judge0's default max_extract_size (10240 KB): the most all entries may inflate to together. */
    static final long MAX_EXTRACTED_BYTES = 10240L * 1024;
    /** Entries of any kind, directories included. */
    static final int MAX_ENTRIES = 64;

    private AdditionalFiles() {
    }

    static final class RefusedArchiveException extends IllegalArgumentException {
        RefusedArchiveException(String message) {
            super(message);
        }
    }

    static List<ExecutionRequest.SourceFile> extract(byte[] zip) {
        return extract(zip, MAX_EXTRACTED_BYTES, MAX_ENTRIES);
    }

    static List<ExecutionRequest.SourceFile> extract(byte[] zip, long maxBytes, int maxEntries) {
        var files = new ArrayList<ExecutionRequest.SourceFile>();
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[8192];
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > maxEntries) {
                    throw new RefusedArchiveException("must hold at most " + maxEntries + " entries");
                }
                var content = new ByteArrayOutputStream();
                for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                    total += read;
                    if (total > maxBytes) {
                        throw new RefusedArchiveException("must extract to at most " + maxBytes / 1024 + " KB");
                    }
                    content.write(buffer, 0, read);
                }
                if (!entry.isDirectory()) {
                    files.add(new ExecutionRequest.SourceFile(entry.getName(), content.toByteArray()));
                }
            }
        } catch (RefusedArchiveException refused) {
            throw refused;
        } catch (IOException | IllegalArgumentException unreadable) {
            throw new RefusedArchiveException("is not a readable Base64 encoded zip archive");
        }
        if (entries == 0) {
            throw new RefusedArchiveException("is not a readable Base64 encoded zip archive");
        }
        return files;
    }
}
