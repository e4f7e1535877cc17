package dev.coderunner.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.springframework.util.unit.DataSize;

import dev.coderunner.execution.ExecutionRequest;
import dev.coderunner.execution.InvalidExecutionRequestException;

/** The execution an {@code /execute} body asks for, wherever the body arrives (synchronous or queued). */
public final class ExecutionRequests {

    private ExecutionRequests() {
    }

    public static ExecutionRequest of(ExecuteRequest body, ExecutionRequest.Caller caller, int maxTests) {
        return new ExecutionRequest(body.language(), body.code(), files(body.files()), body.stdin(),
                body.args(), seconds(body.timeout()), seconds(body.compileTimeout()),
                body.memoryLimitMb() == null ? null : DataSize.ofMegabytes(body.memoryLimitMb()),
                seconds(body.cpuTime()), caller, TestSuites.of(body, maxTests));
    }

    static Duration seconds(Double seconds) {
        return seconds == null ? null : Duration.ofNanos(Math.round(seconds * 1_000_000_000L));
    }

    private static List<ExecutionRequest.SourceFile> files(List<ExecuteRequest.FileBody> files) {
        if (files == null) {
            return List.of();
        }
        return files.stream().map(file -> new ExecutionRequest.SourceFile(file.name(), content(file))).toList();
    }

    private static byte[] content(ExecuteRequest.FileBody file) {
        if (!"base64".equals(file.encoding())) {
            return file.content().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(file.content());
        } catch (IllegalArgumentException e) {
            throw new InvalidExecutionRequestException("files", "file '" + file.name() + "' is not valid base64");
        }
    }
}
