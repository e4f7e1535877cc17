package dev.coderunner.live;

import jakarta.validation.Validator;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

import dev.coderunner.api.LiveEvents;
import dev.coderunner.auth.ApiKeys;
import dev.coderunner.auth.KeyQuotas;
import dev.coderunner.execution.ExecutionService;
import dev.coderunner.execution.TestProperties;
import tools.jackson.databind.json.JsonMapper;

/** What every interactive session needs, and the making of one per connection. */
@Component
class InteractiveSessions {

    private final ExecutionService executions;
    private final ApiKeys keys;
    private final KeyQuotas quotas;
    private final LiveEvents events;
    private final JsonMapper json;
    private final Validator validator;
    private final TestProperties tests;
    private final LiveProperties properties;

    InteractiveSessions(ExecutionService executions, ApiKeys keys, KeyQuotas quotas, LiveEvents events, JsonMapper json,
                        Validator validator, TestProperties tests, LiveProperties properties) {
        this.executions = executions;
        this.keys = keys;
        this.quotas = quotas;
        this.events = events;
        this.json = json;
        this.validator = validator;
        this.tests = tests;
        this.properties = properties;
    }

    InteractiveSession open(WebSocketSession session) {
        var interactive = new InteractiveSession(session, this);
        interactive.watchIdle();
        return interactive;
    }

    ExecutionService executions() {
        return executions;
    }

    ApiKeys keys() {
        return keys;
    }

    KeyQuotas quotas() {
        return quotas;
    }

    LiveEvents events() {
        return events;
    }

    JsonMapper json() {
        return json;
    }

    Validator validator() {
        return validator;
    }

    int maxTests() {
        return tests.maxCases();
    }

    LiveProperties properties() {
        return properties;
    }
}
