package dev.coderunner.api;

import jakarta.servlet.http.HttpServletRequest;

import dev.coderunner.auth.ApiKey;
import dev.coderunner.execution.ExecutionRequest;

/** Who is calling, as the audit trail records it: the admitted key's name and the client address. */
public final class Callers {

    private Callers() {
    }

    public static ExecutionRequest.Caller of(HttpServletRequest request) {
        String key = request.getAttribute(ApiKey.ATTRIBUTE) instanceof ApiKey admitted ? admitted.name() : "-";
        return new ExecutionRequest.Caller(key, request.getRemoteAddr());
    }
}
