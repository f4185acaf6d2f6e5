package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import java.time.Instant;
import java.util.UUID;

/**
 * Attempt {@code attempt} ended without an outcome for the job, which waits again (status
 * pending): its attempt failed retryably, its worker was lost, or its worker handed it back.
 *
 * @param nextAttempt the attempt that will run next (the same number when the lane record is handed
 *     on as it is, one more when a new attempt is queued after a backoff)
 * @param retryCount the job's retries so far, this one included when it counts as a retry
 * @param reason why the attempt ended, for the job's log
 * @param retryAt when the next attempt is queued: now, or after the backoff
 */
public record JobRequeued(
    UUID eventId,
    JobId jobId,
    long sequence,
    Instant occurredAt,
    int attempt,
    int nextAttempt,
    int retryCount,
    String reason,
    Instant retryAt)
    implements JobEvent {}
