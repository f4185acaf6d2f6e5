package dev.browserfleet.contracts.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.browserfleet.contracts.JobId;
import java.time.Instant;
import java.util.UUID;

/**
 * What happened to a job, as decided by the dispatcher, the single writer of topic {@code
 * bf.job-events} (keyed by job id). {@code sequence} counts a job's events from 1 without gaps,
 * so a consumer can ignore anything it has already applied.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = JobAccepted.class, name = "job.accepted"),
  @JsonSubTypes.Type(value = JobRejected.class, name = "job.rejected"),
  @JsonSubTypes.Type(value = JobStarted.class, name = "job.started"),
  @JsonSubTypes.Type(value = JobRequeued.class, name = "job.requeued"),
  @JsonSubTypes.Type(value = JobLogged.class, name = "job.log"),
  @JsonSubTypes.Type(value = JobProgressed.class, name = "job.progress"),
  @JsonSubTypes.Type(value = JobArtifactStored.class, name = "job.artifact-stored"),
  @JsonSubTypes.Type(value = JobSucceeded.class, name = "job.succeeded"),
  @JsonSubTypes.Type(value = JobFailed.class, name = "job.failed"),
  @JsonSubTypes.Type(value = JobCancelled.class, name = "job.cancelled")
})
public sealed interface JobEvent
    permits JobAccepted,
        JobRejected,
        JobStarted,
        JobRequeued,
        JobLogged,
        JobProgressed,
        JobArtifactStored,
        JobSucceeded,
        JobFailed,
        JobCancelled {

  UUID eventId();

  JobId jobId();

  long sequence();

  Instant occurredAt();
}
