package dev.coderunner.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.coderunner.api.ApiProperties;
import dev.coderunner.auth.KeyQuotas;
import dev.coderunner.execution.ExecutionProperties;
import dev.coderunner.execution.ExecutionService;
import dev.coderunner.execution.TestProperties;
import dev.coderunner.language.LanguageRegistry;
import dev.coderunner.language.LanguageVersions;

/**
 * The MCP server at {@code /mcp}: the SDK's stateless Streamable HTTP transport as a servlet of its
 * own, behind the same filters as the rest of the API (the key, its rate, the request size).
 * Stateless on purpose: every tool call is one self-contained run, so there is no session to keep,
 * bound, expire or pin to a replica; any instance can answer any call.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "code-runner.mcp.enabled", matchIfMissing = true)
class McpConfiguration {

    static final String ENDPOINT = "/mcp";

    /**
     * The SDK's own mapping of MCP messages (camelCase, as the protocol spells them), not the
     * application's mapper, whose snake_case is for our wire records.
     */
    private static final McpJsonMapper PROTOCOL_JSON = new JacksonMcpJsonMapper(JsonMapper.shared());

    @Bean
    HttpServletStatelessServerTransport mcpTransport(ApiProperties api) {
        return HttpServletStatelessServerTransport.builder()
                .jsonMapper(PROTOCOL_JSON)
                .messageEndpoint(ENDPOINT)
                .contextExtractor(McpCaller::context)
                .maxRequestSize(Math.toIntExact(api.maxRequestSize().toBytes()))
                .build();
    }

    @Bean
    ServletRegistrationBean<HttpServletStatelessServerTransport> mcpServlet(HttpServletStatelessServerTransport transport) {
        var registration = new ServletRegistrationBean<>(transport, ENDPOINT);
        registration.setName("mcp");
        return registration;
    }

    @Bean
    McpStatelessSyncServer mcpServer(HttpServletStatelessServerTransport transport, ExecutionService executions,
                                     KeyQuotas quotas, LanguageRegistry languages, LanguageVersions versions,
                                     ExecutionProperties limits, TestProperties tests, JsonMapper wire) {
        var catalog = new ToolCatalog(limits, languages, tests, PROTOCOL_JSON);
        var tools = new McpTools(executions, quotas, languages, versions, tests, wire, catalog);
        String version = McpConfiguration.class.getPackage().getImplementationVersion();
        return McpServer.sync(transport)
                .serverInfo("code-runner", version == null ? "dev" : version)
                .instructions(catalog.instructions())
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(PROTOCOL_JSON)
                // Tomcat's request threads are virtual: a run may block one, and no second pool is needed.
                .immediateExecution(true)
                .tools(tools.all())
                .build();
    }
}
