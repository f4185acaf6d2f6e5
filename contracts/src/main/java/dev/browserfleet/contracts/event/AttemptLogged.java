package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.LogLevel;
import dev.browserfleet.contracts.WorkerId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A log line of the attempt, such as one action's outcome and duration. */
public record AttemptLogged(
    UUID reportId,
    JobId jobId,
    int attempt,
    WorkerId workerId,
    Instant occurredAt,
    LogLevel level,
    String message,
    Map<String, Object> metadata)
    implements AttemptReport {}
