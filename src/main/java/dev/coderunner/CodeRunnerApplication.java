package dev.coderunner;

import dev.coderunner.config.LeanHeap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CodeRunnerApplication {

    public static void main(String[] args) {
        LeanHeap.apply();
        SpringApplication.run(CodeRunnerApplication.class, args);
    }
}
