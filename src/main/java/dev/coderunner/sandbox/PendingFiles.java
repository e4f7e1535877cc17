package dev.coderunner.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Files handed to a sandbox before its first command, which stages them: engines deliver files
 * together with the command that first needs them.
 */
public final class PendingFiles {

    private final List<SandboxFile> files = new ArrayList<>();

    public synchronized void add(List<SandboxFile> more) {
        files.addAll(more);
    }

    /** The files not yet staged; afterwards there are none. */
    public synchronized List<SandboxFile> take() {
        var taken = List.copyOf(files);
        files.clear();
        return taken;
    }
}
