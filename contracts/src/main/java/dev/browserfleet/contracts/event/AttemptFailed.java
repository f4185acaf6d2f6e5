package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import java.time.Instant;
import java.util.UUID;

/**
 * The attempt failed. {@code retryable} is the worker's classification (a navigation error or a
 * crashed browser is; a missing element or a policy violation is not); {@code result} holds the
 * partial results.
 */
public record AttemptFailed(
    UUID reportId,
    JobId jobId,
    int attempt,
    WorkerId workerId,
    Instant occurredAt,
    String reason,
    boolean retryable,
    JobResult result)
    implements AttemptReport {}
