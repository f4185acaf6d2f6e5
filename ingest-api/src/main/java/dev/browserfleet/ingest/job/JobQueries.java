package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.ingest.access.Caller;
import java.util.Optional;
import java.util.UUID;

/** Reads of the projected job tables, limited to what {@code caller} may see. */
public interface JobQueries {

  /** The projected job with its artifacts, if it exists and {@code caller} may see it. */
  Optional<JobView> findJob(JobId jobId, Caller caller);

  /** An artifact of a job {@code caller} may see. */
  Optional<StoredArtifact> findArtifact(JobId jobId, UUID artifactId, Caller caller);
}
