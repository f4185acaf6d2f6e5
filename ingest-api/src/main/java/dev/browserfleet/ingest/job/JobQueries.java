package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.ingest.access.Caller;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reads of the projected job tables, limited to what {@code caller} may see. */
public interface JobQueries {

  /** The projected job with its artifacts, if it exists and {@code caller} may see it. */
  Optional<JobView> findJob(JobId jobId, Caller caller);

  /** Up to {@code limit} of the jobs {@code caller} may see, newest first, strictly after {@code after} if given. */
  List<JobSummary> listJobs(JobFilter filter, PageCursor after, int limit, Caller caller);

  /** The artifacts of a job, oldest first; the caller must have been allowed to see the job. */
  List<ArtifactSummary> artifactsOf(JobId jobId);

  /** Up to {@code limit} log lines of a job with an id above {@code afterId}, in order; the caller must have been allowed to see the job. */
  List<JobLogLine> logsOf(JobId jobId, long afterId, int limit);

  /** Those of {@code jobIds} whose projected rows show them ended: completed, failed or cancelled. */
  Set<JobId> endedAmong(Set<JobId> jobIds);

  /** How many of {@code clientId}'s jobs are pending, as projected. */
  long pendingJobsOf(String clientId);

  /** Every webhook delivery attempt of a job, oldest first; the caller must have been allowed to see the job. */
  List<DeliveryAttemptView> deliveriesOf(JobId jobId);

  /** An artifact of a job {@code caller} may see. */
  Optional<StoredArtifact> findArtifact(JobId jobId, UUID artifactId, Caller caller);
}
