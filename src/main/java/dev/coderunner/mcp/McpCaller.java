package dev.coderunner.mcp;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.modelcontextprotocol.common.McpTransportContext;

import dev.coderunner.auth.ApiKey;
import dev.coderunner.execution.ExecutionRequest;

/**
 * Who sent an MCP message: the key the admitting filter found (null only if none did) and the
 * client's address. Carried from the HTTP request to the tool handler in the transport context,
 * as the servlet request itself is not handed to tools.
 */
record McpCaller(ApiKey key, String address) {

    private static final String CONTEXT_KEY = McpCaller.class.getName();

    static McpTransportContext context(HttpServletRequest request) {
        ApiKey key = request.getAttribute(ApiKey.ATTRIBUTE) instanceof ApiKey admitted ? admitted : null;
        return McpTransportContext.create(Map.of(CONTEXT_KEY, new McpCaller(key, request.getRemoteAddr())));
    }

    static McpCaller of(McpTransportContext context) {
        return context.get(CONTEXT_KEY) instanceof McpCaller caller ? caller : new McpCaller(null, "-");
    }

    /** The audit trail's view of this caller, with a fresh execution id for the run about to start. */
    ExecutionRequest.Caller forRun() {
        return new ExecutionRequest.Caller(key == null ? "-" : key.name(), address);
    }
}
