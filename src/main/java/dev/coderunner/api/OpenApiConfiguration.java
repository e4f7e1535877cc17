package dev.coderunner.api;

import java.util.Arrays;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}), generated from
 * the controllers and wire records. swagger-core reads models with its own Jackson 2 mapper, which
 * never sees the service's snake_case naming: this resolver gives it the same names the API uses.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .openapi31(true);
    }

    @Bean
    OpenAPI codeRunnerApi() {
        String problems = String.join(", ", Arrays.stream(ProblemType.values()).map(type -> "`" + type.uri() + "` ("
                + type.status().value() + ")").toList());
        return new OpenAPI()
                .info(new Info().title("code-runner").version("1").description("Runs untrusted code in isolated, "
                        + "single-use sandboxes. Every error is an RFC 9457 problem (application/problem+json) "
                        + "with one of these types: " + problems + "."))
                .schemaRequirement("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name("X-API-Key"))
                .schemaRequirement("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
