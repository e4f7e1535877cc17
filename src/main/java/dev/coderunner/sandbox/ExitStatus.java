package dev.coderunner.sandbox;

/** Exit statuses as a shell reports them, and the ones the sandbox itself uses. */
public final class ExitStatus {

    /** The launcher could not place the files: the program never started. */
    public static final int STAGING_FAILED = 125;
    public static final int SIGKILL = 9;
    /** Killed with SIGKILL: by the service at a deadline or limit, or by the kernel. */
    public static final int KILLED = killedBy(SIGKILL);

    private ExitStatus() {
    }

    public static int killedBy(int signal) {
        return 128 + signal;
    }
}
