package dev.coderunner.submissions;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Asynchronous submissions.
 *
 * @param ttl           how long a submission (and its result) is kept after it was made
 * @param queueCapacity submissions that may wait to run; past it, 429
 * @param batchMax      most submissions in one batch
 * @param maxWait       longest {@code ?wait=N} may hold a request
 * @param redisUrl      with it, submissions go through Redis Streams shared by every replica;
 *                      without, they stay in this process
 * @param visibilityTimeout how long a submission taken by a replica that stopped answering for it
 *                      waits before another replica runs it
 */
@Validated
@ConfigurationProperties("code-runner.submissions")
public record SubmissionProperties(@NotNull Duration ttl, @Min(1) int queueCapacity, @Min(1) int batchMax,
                                   @NotNull Duration maxWait, String redisUrl, @NotNull Duration visibilityTimeout) {
}
