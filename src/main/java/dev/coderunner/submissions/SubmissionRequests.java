package dev.coderunner.submissions;

import java.net.URI;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import dev.coderunner.api.ExecuteRequest;
import dev.coderunner.api.ExecutionRequests;
import dev.coderunner.execution.ExecutionRequest;
import dev.coderunner.execution.ExecutionService;
import dev.coderunner.execution.InvalidExecutionRequestException;
import dev.coderunner.execution.TestProperties;

/**
 * A submission's body, checked as {@code /execute} would check it, and turned into a run: when it
 * is made, and again by whichever replica runs it.
 */
@Component
class SubmissionRequests {

    /** Largest metadata object echoed back, serialised. */
    private static final int METADATA_LIMIT = 4096;

    private final ExecutionService executions;
    private final TestProperties tests;
    private final JsonMapper json;
    private final Validator validator;
    private final CallbackSender callbacks;

    SubmissionRequests(ExecutionService executions, TestProperties tests, JsonMapper json, Validator validator,
                       CallbackSender callbacks) {
        this.executions = executions;
        this.tests = tests;
        this.json = json;
        this.validator = validator;
        this.callbacks = callbacks;
    }

    /** A body accepted for queueing: the run it asks for and what is kept beside it. */
    record Prepared(ExecutionRequest request, SubmissionBroker.Stored stored) {
    }

    Prepared prepare(JsonNode body, ExecutionRequest.Caller caller) {
        if (!(body instanceof ObjectNode object)) {
            throw new InvalidExecutionRequestException("body", "a submission must be a JSON object");
        }
        var fields = object.deepCopy();
        JsonNode metadata = fields.remove("metadata");
        if (metadata != null && !metadata.isNull()
                && (!metadata.isObject() || json.writeValueAsBytes(metadata).length > METADATA_LIMIT)) {
            throw new InvalidExecutionRequestException("metadata", "metadata must be a JSON object of at most "
                    + METADATA_LIMIT + " bytes");
        }
        JsonNode callback = fields.remove("callback_url");
        if (callback != null && !callback.isNull() && !callback.isString()) {
            throw new InvalidExecutionRequestException("callback_url", "callback_url must be a string");
        }
        URI callbackUrl = callback == null || callback.isNull() ? null : callbacks.check(callback.asString());
        ExecutionRequest request = toRequest(fields, caller);
        executions.check(request);
        return new Prepared(request, new SubmissionBroker.Stored(caller.key(), caller.address(), fields,
                metadata == null || metadata.isNull() ? null : metadata, callbackUrl));
    }

    /** The run a stored body asks for, on the replica that runs it. */
    ExecutionRequest toRequest(ObjectNode fields, ExecutionRequest.Caller caller) {
        ExecuteRequest execute = json.treeToValue(fields, ExecuteRequest.class);
        for (ConstraintViolation<ExecuteRequest> violation : validator.validate(execute)) {
            throw new InvalidExecutionRequestException(violation.getPropertyPath().toString(), violation.getMessage());
        }
        return ExecutionRequests.of(execute, caller, tests.maxCases());
    }
}
