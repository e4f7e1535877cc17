package dev.coderunner.submissions;

/** Where a submission is in its life; DONE and CANCELLED are final. */
public enum SubmissionState {
    QUEUED,
    RUNNING,
    DONE,
    CANCELLED;

    public boolean isFinal() {
        return this == DONE || this == CANCELLED;
    }
}
