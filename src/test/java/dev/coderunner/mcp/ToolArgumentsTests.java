package dev.coderunner.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.coderunner.api.ExecuteRequest;
import dev.coderunner.execution.InvalidExecutionRequestException;

class ToolArgumentsTests {

    @Test
    void runCodeArgumentsAreTheExecuteBodyTheyStandFor() {
        ExecuteRequest body = ToolArguments.runCode(Map.of("language", "py", "code", "print(1)", "stdin", "in",
                "timeout", 2, "files", List.of(Map.of("name", "util.py", "content", "X = 1"))));

        assertThat(body.language()).isEqualTo("py");
        assertThat(body.code()).isEqualTo("print(1)");
        assertThat(body.stdin()).isEqualTo("in");
        assertThat(body.timeout()).isEqualTo(2.0);
        assertThat(body.files()).containsExactly(new ExecuteRequest.FileBody("util.py", "X = 1", null));
        assertThat(body.tests()).isNull();
        assertThat(body.comparison()).isNull();
    }

    @Test
    void optionalArgumentsMayBeLeftOut() {
        ExecuteRequest body = ToolArguments.runCode(Map.of("language", "c", "code", "int main(){}"));

        assertThat(body.timeout()).isNull();
        assertThat(body.stdin()).isNull();
        assertThat(body.files()).isNull();
    }

    @Test
    void runTestsArgumentsCarryTheCasesAndTheComparison() {
        ExecuteRequest body = ToolArguments.runTests(Map.of("language", "python", "code", "print(input())",
                "comparison", "tokens", "tests", List.of(Map.of("name", "one", "stdin", "1", "expected_output", "1"),
                        Map.of("expected_output", "2"))));

        assertThat(body.tests()).containsExactly(new ExecuteRequest.TestBody("one", "1", null, "1"),
                new ExecuteRequest.TestBody(null, null, null, "2"));
        assertThat(body.comparison()).isEqualTo("tokens");
        assertThat(body.stdin()).isNull();
    }

    @Test
    void argumentsOfTheWrongShapeAreRefusedByName() {
        assertThatThrownBy(() -> ToolArguments.runCode(Map.of("language", "python", "code", "x", "timeout", "30")))
                .isInstanceOf(InvalidExecutionRequestException.class).hasMessage("timeout must be a number");
        assertThatThrownBy(() -> ToolArguments.runCode(Map.of("language", 3, "code", "x")))
                .isInstanceOf(InvalidExecutionRequestException.class).hasMessage("language must be a string");
        assertThatThrownBy(() -> ToolArguments.runTests(Map.of("language", "python", "code", "x",
                "tests", List.of(Map.of("stdin", "1")))))
                .isInstanceOf(InvalidExecutionRequestException.class).hasMessage("expected_output is required");
        assertThatThrownBy(() -> ToolArguments.runTests(Map.of("language", "python", "code", "x", "tests", List.of("1"))))
                .isInstanceOf(InvalidExecutionRequestException.class).hasMessage("tests must be an array of objects");
    }
}
