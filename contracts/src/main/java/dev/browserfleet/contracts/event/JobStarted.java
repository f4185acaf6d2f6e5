package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import java.time.Instant;
import java.util.UUID;

/** Attempt {@code attempt} (1 for the first) began on {@code workerId}; status processing. */
public record JobStarted(
    UUID eventId, JobId jobId, long sequence, Instant occurredAt, int attempt, WorkerId workerId)
    implements JobEvent {}
