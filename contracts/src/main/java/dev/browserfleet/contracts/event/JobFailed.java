package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import java.time.Instant;
import java.util.UUID;

/** The job failed for good. {@code result} holds what the last attempt achieved, if anything. */
public record JobFailed(
    UUID eventId,
    JobId jobId,
    long sequence,
    Instant occurredAt,
    int attempt,
    String reason,
    JobResult result)
    implements JobEvent {}
