package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import java.time.Instant;
import java.util.UUID;

/**
 * The worker hands the attempt back without an outcome (it is stopping): the job waits on its lane
 * again, for another worker. A hand-back is not a failure and does not count as a retry.
 */
public record AttemptReleased(
    UUID reportId, JobId jobId, int attempt, WorkerId workerId, Instant occurredAt, String reason)
    implements AttemptReport {}
