package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.ingest.access.Caller;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Queries of a projection that holds nothing; a test overrides what it needs to find. */
class NothingProjected implements JobQueries {

  @Override
  public Optional<JobView> findJob(JobId jobId, Caller caller) {
    return Optional.empty();
  }

  @Override
  public List<JobSummary> listJobs(JobFilter filter, PageCursor after, int limit, Caller caller) {
    return List.of();
  }

  @Override
  public List<ArtifactSummary> artifactsOf(JobId jobId) {
    return List.of();
  }

  @Override
  public List<JobLogLine> logsOf(JobId jobId, long afterId, int limit) {
    return List.of();
  }

  @Override
  public List<DeliveryAttemptView> deliveriesOf(JobId jobId) {
    return List.of();
  }

  @Override
  public Set<JobId> endedAmong(Set<JobId> jobIds) {
    return Set.of();
  }

  @Override
  public long pendingJobsOf(String clientId) {
    return 0;
  }

  @Override
  public Optional<StoredArtifact> findArtifact(JobId jobId, UUID artifactId, Caller caller) {
    return Optional.empty();
  }
}
