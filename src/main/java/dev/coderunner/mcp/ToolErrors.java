package dev.coderunner.mcp;

import java.util.UUID;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.coderunner.auth.TooManyConcurrentRunsException;
import dev.coderunner.execution.FilesTooLargeException;
import dev.coderunner.execution.InvalidExecutionRequestException;
import dev.coderunner.execution.ServiceBusyException;
import dev.coderunner.execution.ServiceDrainingException;
import dev.coderunner.execution.UnknownLanguageException;
import dev.coderunner.sandbox.SandboxUnavailableException;

/**
 * A call that ran nothing, as a tool error the model can act on: what to fix when the call was
 * wrong, when to retry when the service could not take it. Never an exception's internals: causes
 * of our own failures are logged under an id the answer quotes.
 */
final class ToolErrors {

    private static final Logger log = LoggerFactory.getLogger(ToolErrors.class);

    private ToolErrors() {
    }

    static CallToolResult of(RuntimeException refused) {
        return error(switch (refused) {
            case UnknownLanguageException e -> e.getMessage() + " (aliases work too; see list_languages)";
            case InvalidExecutionRequestException e -> "invalid request: " + e.getMessage();
            case FilesTooLargeException e -> "invalid request: " + e.getMessage();
            case TooManyConcurrentRunsException e -> "refused: " + e.getMessage() + "; retry when one has finished";
            case ServiceBusyException e -> "the service is busy, nothing was run: " + e.getMessage() + "; retry in "
                    + Math.max(1, e.retryAfter().toSeconds()) + " s";
            case ServiceDrainingException e -> "nothing was run: " + e.getMessage();
            case SandboxUnavailableException e -> {
                String id = UUID.randomUUID().toString();
                log.warn("No sandbox for an MCP run [error id {}]: {}", id, e.getMessage());
                yield "the sandbox engine cannot run programs right now, nothing was run; retry shortly (error id "
                        + id + ")";
            }
            default -> {
                String id = UUID.randomUUID().toString();
                log.error("MCP tool call failed [error id {}]", id, refused);
                yield "the service failed to complete the call; quote error id " + id;
            }
        });
    }

    static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }
}
