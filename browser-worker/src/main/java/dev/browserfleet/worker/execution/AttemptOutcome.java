package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.event.JobResult;

/** How an attempt ended. {@link #result()} holds what it achieved, partial on failure. */
public sealed interface AttemptOutcome {

  JobResult result();

  /** Whether the session that ran the attempt may run the next one (after a reset). */
  boolean sessionReusable();

  /** Every action ran. */
  record Succeeded(JobResult result) implements AttemptOutcome {
    @Override
    public boolean sessionReusable() {
      return true;
    }
  }

  /** The attempt failed; {@code failure} says why and whether to retry. */
  record Failed(Failure failure, JobResult result) implements AttemptOutcome {
    @Override
    public boolean sessionReusable() {
      return !failure.sessionBroken();
    }
  }

  /** The dispatcher revoked the attempt while it ran; it was stopped and nothing more is reported. */
  record Revoked(String reason, JobResult result) implements AttemptOutcome {
    @Override
    public boolean sessionReusable() {
      return false;
    }
  }

  /** The worker gave the attempt up (it is shutting down); the job goes back to the queue. */
  record Abandoned(JobResult result) implements AttemptOutcome {
    @Override
    public boolean sessionReusable() {
      return false;
    }
  }
}
