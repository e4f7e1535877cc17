package dev.coderunner.execution;

import org.springframework.util.unit.DataSize;

/** The submitted files do not fit in a sandbox's working directory: the request's fault, refused before any sandbox is taken. */
public class FilesTooLargeException extends RuntimeException {

    public FilesTooLargeException(long needed, DataSize workspace) {
        super("the files need " + needed + " bytes of the working directory, which holds " + workspace.toBytes()
                + " bytes (WORKSPACE_SIZE)");
    }
}
