package dev.browserfleet.contracts.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import java.time.Instant;
import java.util.UUID;

/**
 * A fact a worker reports about one attempt of a job, on topic {@code bf.attempt-reports} (keyed
 * by job id). Workers report; only the dispatcher decides, and turns accepted reports into {@link
 * JobEvent}s. Reports of an attempt that is no longer current are ignored.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = AttemptStarted.class, name = "attempt.started"),
  @JsonSubTypes.Type(value = AttemptLogged.class, name = "attempt.log"),
  @JsonSubTypes.Type(value = AttemptProgressed.class, name = "attempt.progress"),
  @JsonSubTypes.Type(value = AttemptArtifactStored.class, name = "attempt.artifact-stored"),
  @JsonSubTypes.Type(value = AttemptSucceeded.class, name = "attempt.succeeded"),
  @JsonSubTypes.Type(value = AttemptFailed.class, name = "attempt.failed"),
  @JsonSubTypes.Type(value = AttemptReleased.class, name = "attempt.released"),
  @JsonSubTypes.Type(value = AttemptReportBatch.class, name = "attempt.batch")
})
public sealed interface AttemptReport
    permits AttemptStarted,
        AttemptLogged,
        AttemptProgressed,
        AttemptArtifactStored,
        AttemptSucceeded,
        AttemptFailed,
        AttemptReleased,
        AttemptReportBatch {

  UUID reportId();

  JobId jobId();

  int attempt();

  WorkerId workerId();

  Instant occurredAt();
}
