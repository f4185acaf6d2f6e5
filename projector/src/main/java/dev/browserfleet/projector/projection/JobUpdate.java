package dev.browserfleet.projector.projection;

import dev.browserfleet.contracts.JobStatus;
import dev.browserfleet.contracts.event.JobResult;
import java.time.Instant;

/** What a job event changes on an existing job row, besides its sequence and updated_at. */
public sealed interface JobUpdate {

  /** Nothing but the sequence and updated_at (a log line or an artifact was added). */
  record Touch() implements JobUpdate {}

  /**
   * An attempt started: status processing. {@code startedAt} is kept only if the row has none,
   * so that started_at is the first attempt's start.
   */
  record Start(Instant startedAt) implements JobUpdate {}

  /** The attempt ended without an outcome and the job waits again: status pending, retries so far. */
  record Requeue(int retryCount) implements JobUpdate {}

  /** The job reached a final status. */
  record Finish(JobStatus status, Instant completedAt, String errorMessage, JobResult result)
      implements JobUpdate {}
}
