package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import java.time.Instant;
import java.util.UUID;

/** The job was cancelled; nothing changes its status afterwards. */
public record JobCancelled(
    UUID eventId, JobId jobId, long sequence, Instant occurredAt, String reason)
    implements JobEvent {}
