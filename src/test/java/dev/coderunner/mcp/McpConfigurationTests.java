package dev.coderunner.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

class McpConfigurationTests {

    @Test
    void mcpEnabledFalseLeavesNoEndpoint() {
        new ApplicationContextRunner().withUserConfiguration(McpConfiguration.class)
                .withPropertyValues("code-runner.mcp.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServletRegistrationBean.class)
                        .doesNotHaveBean(McpConfiguration.class));
    }
}
