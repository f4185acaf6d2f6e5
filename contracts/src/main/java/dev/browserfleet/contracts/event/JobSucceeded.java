package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import java.time.Instant;
import java.util.UUID;

/** The job completed; {@code result} becomes {@code automation_jobs.result}. */
public record JobSucceeded(
    UUID eventId, JobId jobId, long sequence, Instant occurredAt, int attempt, JobResult result)
    implements JobEvent {}
