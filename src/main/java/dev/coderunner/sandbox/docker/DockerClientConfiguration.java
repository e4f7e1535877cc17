package dev.coderunner.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.coderunner.sandbox.ConditionalOnEngine;

@Configuration(proxyBeanMethods = false)
@ConditionalOnEngine("docker")
class DockerClientConfiguration {

    @Bean(destroyMethod = "close")
    DockerClient dockerClient(DockerProperties properties) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(properties.host())
                .build();
        return DockerClientImpl.getInstance(config,
                new DockerTransport(config.getDockerHost(), config.getSSLConfig(), properties.apiTimeout()));
    }
}
