package dev.browserfleet.contracts.lane;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import java.time.Instant;

/**
 * The dispatcher revokes attempt {@code attempt} of a job, on topic {@code bf.attempt-revocations}
 * (compacted, keyed by {@link #key()}). A worker must not start a revoked attempt, and stops one it
 * is running: within about a second, discarding its browser session. This is how a cancelled job
 * leaves the lanes, and how a job that failed while still queued (queue timeout) never runs.
 *
 * @param workerId the only worker it is revoked for (one that lost its hold on the attempt to
 *     another), or {@code null} for every worker
 * @param reason why, for the worker's log
 */
public record AttemptRevoked(JobId jobId, int attempt, WorkerId workerId, String reason, Instant occurredAt) {

  /** The record key: one revocation per attempt (and per worker when it names one). */
  public String key() {
    return jobId + "/" + attempt + (workerId == null ? "" : "/" + workerId);
  }

  /** Whether this revocation stops {@code worker} from running attempt {@code attempt} of {@code job}. */
  public boolean applies(JobId job, int attemptNumber, WorkerId worker) {
    return jobId.equals(job) && attempt == attemptNumber && (workerId == null || workerId.equals(worker));
  }
}
