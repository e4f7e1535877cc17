package dev.coderunner.api;

import jakarta.servlet.http.HttpServletRequest;

import dev.coderunner.auth.ApiKey;
import dev.coderunner.execution.ExecutionIds;
import dev.coderunner.execution.ExecutionRequest;

/** Who is calling, as the audit trail records it: the admitted key's name and the client address. */
public final class Callers {

    private Callers() {
    }

    /** The request attribute holding the id of the run this request asked for, for its problem answers. */
    public static final String EXECUTION_ID = "dev.coderunner.executionId";

    public static ExecutionRequest.Caller of(HttpServletRequest request) {
        String key = request.getAttribute(ApiKey.ATTRIBUTE) instanceof ApiKey admitted ? admitted.name() : "-";
        String executionId = ExecutionIds.next();
        request.setAttribute(EXECUTION_ID, executionId);
        return new ExecutionRequest.Caller(key, request.getRemoteAddr(), executionId);
    }
}
