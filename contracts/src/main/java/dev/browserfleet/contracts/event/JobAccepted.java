package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.command.SubmitJob;
import java.time.Instant;
import java.util.UUID;

/** The dispatcher admitted the job and queued it on {@code lane}; its status is pending. */
public record JobAccepted(
    UUID eventId, JobId jobId, long sequence, Instant occurredAt, SubmitJob job, String lane)
    implements JobEvent {}
