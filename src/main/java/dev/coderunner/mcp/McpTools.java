package dev.coderunner.mcp;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.coderunner.api.ExecuteRequest;
import dev.coderunner.api.ExecuteResponse;
import dev.coderunner.api.ExecutionRequests;
import dev.coderunner.auth.KeyQuotas;
import dev.coderunner.auth.TooManyConcurrentRunsException;
import dev.coderunner.execution.ExecutionService;
import dev.coderunner.execution.ExecutionStatus;
import dev.coderunner.execution.TestProperties;
import dev.coderunner.execution.Verdict;
import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.language.LanguageVersions;

/**
 * The tools' handlers: a call's arguments become the {@code /execute} body they stand for, run
 * through {@link ExecutionService} under the caller's key, and come back as that endpoint's answer
 * (structured) and a summary a model can read. Requests the service refuses are tool errors.
 */
final class McpTools {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final ExecutionService executions;
    private final KeyQuotas quotas;
    private final LanguageRegistry languages;
    private final LanguageVersions versions;
    private final TestProperties tests;
    private final JsonMapper wire;
    private final ToolCatalog catalog;

    McpTools(ExecutionService executions, KeyQuotas quotas, LanguageRegistry languages, LanguageVersions versions,
             TestProperties tests, JsonMapper wire, ToolCatalog catalog) {
        this.executions = executions;
        this.quotas = quotas;
        this.languages = languages;
        this.versions = versions;
        this.tests = tests;
        this.wire = wire;
        this.catalog = catalog;
    }

    List<SyncToolSpecification> all() {
        return List.of(
                new SyncToolSpecification(catalog.runCode(), (context, call) ->
                        run(context, () -> ToolArguments.runCode(call.arguments()), (body, answer) -> ToolText.run(answer))),
                new SyncToolSpecification(catalog.runTests(), (context, call) ->
                        run(context, () -> ToolArguments.runTests(call.arguments()), (body, answer) -> ToolText.tests(
                                answer, body.tests().stream().map(ExecuteRequest.TestBody::expectedOutput).toList()))),
                new SyncToolSpecification(catalog.listLanguages(), (context, call) -> languages()));
    }

    /** The summary of an answer, given the body that asked for it. */
    private interface Summary {
        String of(ExecuteRequest body, ExecuteResponse answer);
    }

    /**
     * One run, held to the caller's key's concurrent runs as {@code /execute} is (the MVC interceptor
     * that does it there never sees this servlet's requests).
     */
    private CallToolResult run(McpTransportContext context, Supplier<ExecuteRequest> arguments, Summary summary) {
        try {
            ExecuteRequest body = arguments.get();
            McpCaller caller = McpCaller.of(context);
            Runnable release = caller.key() == null ? () -> { } : quotas.startRun(caller.key());
            if (release == null) {
                throw new TooManyConcurrentRunsException(caller.key());
            }
            try {
                var request = ExecutionRequests.of(body, caller.forRun(), tests.maxCases());
                var answer = ExecuteResponse.of(executions.execute(request));
                // The program's failure is a result; only ours (INTERNAL_ERROR, in any case) is a tool error.
                boolean ours = answer.status() == ExecutionStatus.INTERNAL_ERROR || answer.tests() != null
                        && answer.tests().stream().anyMatch(test -> test.verdict() == Verdict.INTERNAL_ERROR);
                return CallToolResult.builder().addTextContent(summary.of(body, answer))
                        .structuredContent(wire.convertValue(answer, OBJECT)).isError(ours).build();
            } finally {
                release.run();
            }
        } catch (RuntimeException refused) {
            return ToolErrors.of(refused);
        }
    }

    /** One entry of {@code list_languages}: the same as one of {@code GET /languages}. */
    record LanguageEntry(String id, String name, String version, boolean versionVerified, List<String> aliases,
                         boolean compiled) {

        String line() {
            return id + ": " + name + " " + version + (aliases.isEmpty() ? "" : " (aliases " + String.join(", ", aliases)
                    + ")") + (compiled ? ", compiled" : "");
        }
    }

    private CallToolResult languages() {
        var entries = languages.all().stream().map(language -> {
            var version = versions.of(language);
            return new LanguageEntry(language.id(), language.name(), version.value(), version.detected(),
                    language.aliases(), language.compiled());
        }).toList();
        return CallToolResult.builder()
                .addTextContent(String.join("\n", entries.stream().map(LanguageEntry::line).toList()))
                .structuredContent(wire.convertValue(Map.of("languages", entries), OBJECT)).build();
    }
}
