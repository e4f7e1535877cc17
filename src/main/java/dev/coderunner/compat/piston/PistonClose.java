package dev.coderunner.compat.piston;

import org.springframework.web.socket.CloseStatus;

/**
 * How {@code /api/v2/connect} closes a connection: Piston's close codes and reasons, exactly as its
 * {@code api/src/api/v2.js} sends them (its docs capitalise two reasons differently; clients see
 * these). docs/piston.md shows this table; a test keeps the two equal.
 */
enum PistonClose {
    ALREADY_INITIALIZED(4000, "Already Initialized"),
    INITIALIZATION_TIMEOUT(4001, "Initialization Timeout"),
    NOTIFIED_ERROR(4002, "Notified Error"),
    NOT_YET_INITIALIZED(4003, "Not yet initialized"),
    CAN_ONLY_WRITE_TO_STDIN(4004, "Can only write to stdin"),
    INVALID_SIGNAL(4005, "Invalid signal"),
    JOB_COMPLETED(4999, "Job Completed");

    private final int code;
    private final String reason;

    PistonClose(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    int code() {
        return code;
    }

    String reason() {
        return reason;
    }

    CloseStatus status() {
        return new CloseStatus(code, reason);
    }
}
