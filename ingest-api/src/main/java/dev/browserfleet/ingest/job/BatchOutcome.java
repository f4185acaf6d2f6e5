package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.command.SubmitJob;
import java.util.List;

/** What became of a batch: all of its jobs accepted, or none. */
public sealed interface BatchOutcome {

  /** Every job published to {@code bf.job-commands} in one transaction, in the batch's order. */
  record Accepted(List<SubmitJob> commands) implements BatchOutcome {

    public Accepted {
      commands = List.copyOf(commands);
    }
  }

  /** A retry of a batch with the same {@code Idempotency-Key}: its jobs' ids; nothing was published again. */
  record Replayed(List<JobId> jobIds) implements BatchOutcome {

    public Replayed {
      jobIds = List.copyOf(jobIds);
    }
  }

  /** Nothing published: the batch would take the client's pending jobs past its {@code maxQueuedJobs}. */
  record QueueFull(QueueLimits.QueueFull limit) implements BatchOutcome {}

  /**
   * Nothing published. {@code index} is the first invalid job's position (-1 when the batch itself
   * is at fault); each error names a field of it as {@code jobs[3].actions[0].selector}.
   */
  record Invalid(int index, List<FieldError> errors) implements BatchOutcome {

    public Invalid {
      errors = List.copyOf(errors);
    }
  }
}
