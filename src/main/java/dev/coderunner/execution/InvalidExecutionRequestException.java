package dev.coderunner.execution;

/** The request names something that cannot run: a limit out of range, a bad file name. */
public class InvalidExecutionRequestException extends RuntimeException {

    private final String field;

    public InvalidExecutionRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
