package dev.coderunner.sandbox;

/**
 * A file to place in the sandbox working directory, by relative path.
 *
 * @param mode permission bits; a compiled artefact handed to another sandbox comes read-only
 */
public record SandboxFile(String path, byte[] content, int mode) {

    public static final int WRITABLE = 0644;
    public static final int READ_ONLY = 0444;
    public static final int READ_ONLY_EXECUTABLE = 0555;

    public SandboxFile(String path, byte[] content) {
        this(path, content, WRITABLE);
    }

    /** The same file, read-only for the program (still executable if it was). */
    public SandboxFile readOnly() {
        return new SandboxFile(path, content, (mode & 0111) != 0 ? READ_ONLY_EXECUTABLE : READ_ONLY);
    }
}
