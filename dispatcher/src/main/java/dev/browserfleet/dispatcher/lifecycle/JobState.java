package dev.browserfleet.dispatcher.lifecycle;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.lane.Lane;
import dev.browserfleet.contracts.reference.BrowserType;
import java.time.Instant;

/**
 * What the dispatcher keeps per job, in its state store keyed by job id.
 *
 * @param attempt the current attempt, 1 for the first; reports of any other attempt are stale
 * @param retries the retries used so far (a hand-back is not one)
 * @param sequence the sequence number of the last event emitted for the job
 * @param job the admitted submission (null for a rejected one), kept to build later attempts
 * @param browserType the browser type the job was admitted with, for later attempts
 * @param workerId the worker running the current attempt (only while RUNNING)
 */
public record JobState(
    JobId jobId,
    JobPhase phase,
    int attempt,
    int retries,
    long sequence,
    SubmitJob job,
    BrowserType browserType,
    Lane lane,
    WorkerId workerId,
    Instant updatedAt) {

  JobState moveTo(JobPhase next, long lastSequence, Instant now) {
    if (!JobTransitions.isAllowed(phase, next)) {
      throw new IllegalStateException("illegal transition " + phase + " -> " + next + " for job " + jobId);
    }
    return new JobState(jobId, next, attempt, retries, lastSequence, job, browserType, lane,
        next == JobPhase.RUNNING ? workerId : null, now);
  }

  JobState withSequence(long lastSequence, Instant now) {
    return new JobState(jobId, phase, attempt, retries, lastSequence, job, browserType, lane, workerId, now);
  }

  JobState runningOn(WorkerId worker) {
    return new JobState(jobId, phase, attempt, retries, sequence, job, browserType, lane, worker, updatedAt);
  }

  JobState withAttempt(int nextAttempt, int retriesUsed) {
    return new JobState(jobId, phase, nextAttempt, retriesUsed, sequence, job, browserType, lane, workerId, updatedAt);
  }

  /** Retries still allowed by the job's {@code maxRetries} (0 means none). */
  boolean canRetry() {
    return job != null && retries < job.maxRetries();
  }
}
