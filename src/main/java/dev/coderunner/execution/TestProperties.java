package dev.coderunner.execution;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param maxCases most test cases one request may carry ({@code MAX_TESTS}) */
@Validated
@ConfigurationProperties("code-runner.tests")
public record TestProperties(@Min(1) int maxCases) {
}
