package dev.browserfleet.ingest.job;

import java.util.UUID;

/** What became of a cancellation request. */
public sealed interface CancelOutcome {

  /** {@code job.cancel} is on {@code bf.job-commands}; the dispatcher stops the job. */
  record Requested(UUID jobId, String status) implements CancelOutcome {}

  /** The job had already ended with {@code status}; nothing was published. */
  record AlreadyFinished(UUID jobId, String status) implements CancelOutcome {}

  /** No such job that the caller may see. */
  record NotFound(UUID jobId) implements CancelOutcome {}
}
