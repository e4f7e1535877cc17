package dev.coderunner.sandbox.docker;

import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "code-runner.sandbox.backend", havingValue = "docker", matchIfMissing = true)
class DockerClientConfiguration {

    @Bean(destroyMethod = "close")
    DockerClient dockerClient(DockerProperties properties) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(properties.host())
                .build();
        // No response timeout: waiting for a container is bounded by the run's own deadline,
        // which the sandbox enforces; a transport idle timeout would cut long runs short.
        var http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(256)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
