package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.command.SubmitJob;
import java.util.List;

/** What became of a submission. */
public sealed interface SubmitOutcome {

  /** Published to {@code bf.job-commands} and acknowledged by the broker. */
  record Accepted(SubmitJob command) implements SubmitOutcome {}

  /**
   * A retry of a submission with the same {@code Idempotency-Key}: the job it created before,
   * with its current status; nothing was published again.
   */
  record Replayed(JobId jobId, String status) implements SubmitOutcome {}

  /** Not published: the client's pending jobs are at its {@code maxQueuedJobs}. */
  record QueueFull(QueueLimits.QueueFull limit) implements SubmitOutcome {}

  /** Not published; each error names the field at fault. */
  record Invalid(List<FieldError> errors) implements SubmitOutcome {

    public Invalid {
      errors = List.copyOf(errors);
    }
  }
}
