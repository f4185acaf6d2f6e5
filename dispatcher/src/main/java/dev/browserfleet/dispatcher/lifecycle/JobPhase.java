package dev.browserfleet.dispatcher.lifecycle;

import dev.browserfleet.contracts.JobStatus;

/**
 * The dispatcher's view of where a job is. Finer than the five projected statuses: {@link
 * #projected()} maps each phase onto SCHEMA.md's.
 */
public enum JobPhase {
  /** Admitted and waiting on its lane for a worker. */
  QUEUED(JobStatus.PENDING),
  /** A worker reported that the current attempt started. */
  RUNNING(JobStatus.PROCESSING),
  /** The last attempt failed retryably; the next one is queued when its backoff has passed. */
  BACKOFF(JobStatus.PENDING),
  SUCCEEDED(JobStatus.COMPLETED),
  FAILED(JobStatus.FAILED),
  CANCELLED(JobStatus.CANCELLED),
  /** Refused at admission; projected as failed with the reason. */
  REJECTED(JobStatus.FAILED);

  private final JobStatus projected;

  JobPhase(JobStatus projected) {
    this.projected = projected;
  }

  public JobStatus projected() {
    return projected;
  }

  public boolean isTerminal() {
    return JobTransitions.allowedFrom(this).isEmpty();
  }
}
