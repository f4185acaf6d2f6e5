package dev.browserfleet.dispatcher.lifecycle;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.command.SubmitJob;
import java.time.Instant;

/**
 * What the dispatcher keeps per job, in its state store keyed by job id.
 *
 * @param attempt the current attempt, 1 for the first; reports of any other attempt are stale
 * @param sequence the sequence number of the last event emitted for the job
 * @param job the admitted submission (null for a rejected one), kept to build later attempts
 */
public record JobState(
    JobId jobId, JobPhase phase, int attempt, long sequence, SubmitJob job, String lane, Instant updatedAt) {

  JobState moveTo(JobPhase next, long lastSequence, Instant now) {
    if (!JobTransitions.isAllowed(phase, next)) {
      throw new IllegalStateException("illegal transition " + phase + " -> " + next + " for job " + jobId);
    }
    return new JobState(jobId, next, attempt, lastSequence, job, lane, now);
  }

  JobState withSequence(long lastSequence, Instant now) {
    return new JobState(jobId, phase, attempt, lastSequence, job, lane, now);
  }
}
