package dev.browserfleet.contracts.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.browserfleet.contracts.JobId;

/**
 * A request to change a job, on topic {@code bf.job-commands}, keyed by job id. The ingest-api
 * produces them, and so may any client that produces JSON straight to Kafka.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SubmitJob.class, name = SubmitJob.TYPE),
  @JsonSubTypes.Type(value = CancelJob.class, name = CancelJob.TYPE)
})
public sealed interface JobCommand permits SubmitJob, CancelJob {

  JobId jobId();
}
