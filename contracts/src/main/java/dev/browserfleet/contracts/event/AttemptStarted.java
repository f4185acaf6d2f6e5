package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import java.time.Instant;
import java.util.UUID;

/** The worker took the job and its browser session is ready. */
public record AttemptStarted(
    UUID reportId, JobId jobId, int attempt, WorkerId workerId, Instant occurredAt)
    implements AttemptReport {}
