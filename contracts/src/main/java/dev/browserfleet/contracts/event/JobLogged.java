package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.LogLevel;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A line for {@code job_logs}. */
public record JobLogged(
    UUID eventId,
    JobId jobId,
    long sequence,
    Instant occurredAt,
    int attempt,
    LogLevel level,
    String message,
    Map<String, Object> metadata)
    implements JobEvent {}
