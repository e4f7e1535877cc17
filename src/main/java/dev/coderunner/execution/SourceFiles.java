package dev.coderunner.execution;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.util.unit.DataSize;

import dev.coderunner.language.Language;
import dev.coderunner.sandbox.SandboxFile;

/**
 * Turns the submitted code and files into the files a sandbox receives, and picks the entry
 * point. Names must be plain relative paths: anything that could step outside the working
 * directory is refused, not cleaned.
 */
final class SourceFiles {

    static final int MAX_FILES = 64;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");

    /** The files to stage and the one the language's commands start from. */
    record Staged(List<SandboxFile> files, String entry) {
    }

    private SourceFiles() {
    }

    /** tmpfs keeps file data in pages: a file takes at least one. */
    private static final long PAGE = 4096;

    static Staged stage(Language language, ExecutionRequest request, DataSize workspace) {
        if (request.files().size() > MAX_FILES) {
            throw new InvalidExecutionRequestException("files", "at most " + MAX_FILES + " files may be given");
        }
        var files = new ArrayList<SandboxFile>();
        if (request.code() != null) {
            files.add(new SandboxFile(language.sourceFile(), request.code().getBytes(StandardCharsets.UTF_8)));
        } else if (request.files().isEmpty()) {
            throw new InvalidExecutionRequestException("code", "code is required (or give files)");
        }
        var names = new HashSet<String>();
        files.forEach(file -> names.add(file.path()));
        for (var file : request.files()) {
            String name = checkedName(file.name());
            if (!names.add(name)) {
                throw new InvalidExecutionRequestException("files", "file name '" + name + "' is given twice");
            }
            files.add(new SandboxFile(name, file.content()));
        }
        long needed = files.stream().mapToLong(file -> (file.content().length + PAGE - 1) / PAGE * PAGE).sum();
        if (needed > workspace.toBytes()) {
            throw new FilesTooLargeException(needed, workspace);
        }
        return new Staged(files, entry(files));
    }

    /** The submitted code, else a top-level file named main (any case, any extension), else the first. */
    private static String entry(List<SandboxFile> files) {
        return files.stream().map(SandboxFile::path)
                .filter(path -> !path.contains("/") && path.toLowerCase().matches("main(\\..*)?"))
                .findFirst().orElse(files.getFirst().path());
    }

    private static String checkedName(String name) {
        if (name == null || name.isEmpty() || name.length() > 255) {
            throw new InvalidExecutionRequestException("files", "every file needs a name of 1 to 255 characters");
        }
        for (String segment : name.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new InvalidExecutionRequestException("files", "file name '" + name
                        + "' must be a relative path of letters, digits, '_', '-', '+' and '.', without '..' or a leading '/'");
            }
        }
        return name;
    }
}
