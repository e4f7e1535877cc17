package dev.coderunner.compat.judge0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import dev.coderunner.execution.ExecutionRequest;

class AdditionalFilesTests {

    static byte[] zip(String... namesAndContents) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void filesAreUnpackedWithTheirPathsAndDirectoriesAreSkipped() throws IOException {
        var files = AdditionalFiles.extract(zip("lib/", "", "lib/util.py", "X = 1\n", "data.txt", "42"));

        assertThat(files).extracting(ExecutionRequest.SourceFile::name).containsExactly("lib/util.py", "data.txt");
        assertThat(new String(files.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("X = 1\n");
    }

    @Test
    void namesAreKeptAsTheyAreForTheCoreToRefuse() throws IOException {
        assertThat(AdditionalFiles.extract(zip("../escape", "x"))).extracting(ExecutionRequest.SourceFile::name)
                .containsExactly("../escape");
    }

    @Test
    void aZipBombIsRefusedWhileInflatingNotAfter() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("zeros"));
            byte[] megabyte = new byte[1024 * 1024];
            for (int i = 0; i < 64; i++) {
                zip.write(megabyte);
            }
            zip.closeEntry();
        }
        assertThat(bytes.size()).as("64 MB of zeros compresses to little").isLessThan(200_000);

        assertThatThrownBy(() -> AdditionalFiles.extract(bytes.toByteArray()))
                .isInstanceOf(AdditionalFiles.RefusedArchiveException.class)
                .hasMessage("must extract to at most 10240 KB");
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        var entries = new String[2 * 65];
        for (int i = 0; i < 65; i++) {
            entries[2 * i] = "f" + i;
            entries[2 * i + 1] = "";
        }
        assertThatThrownBy(() -> AdditionalFiles.extract(zip(entries)))
                .hasMessage("must hold at most 64 entries");
    }

    @Test
    void somethingThatIsNotAZipIsRefused() {
        assertThatThrownBy(() -> AdditionalFiles.extract("not a zip".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("is not a readable Base64 encoded zip archive");
    }
}
