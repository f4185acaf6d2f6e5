package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import java.time.Instant;
import java.util.UUID;

/** Every action ran. */
public record AttemptSucceeded(
    UUID reportId,
    JobId jobId,
    int attempt,
    WorkerId workerId,
    Instant occurredAt,
    JobResult result)
    implements AttemptReport {}
