package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.JobStatus;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.WireEnum;
import dev.browserfleet.contracts.command.SubmitJob;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A job as its owner sees it: the row of {@code automation_jobs} with its artifacts, or, before
 * the projector has written that row, what was submitted. Statuses are the five of SCHEMA.md.
 */
public record JobView(
    UUID jobId,
    String status,
    Integer browserTypeId,
    String targetUrl,
    JsonNode actions,
    String waitUntil,
    Integer priority,
    Integer retryCount,
    Integer maxRetries,
    Integer timeoutMs,
    String errorMessage,
    JsonNode result,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    Instant updatedAt,
    List<ArtifactSummary> artifacts) {

  public JobView {
    artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
  }

  public JobView withArtifacts(List<ArtifactSummary> jobArtifacts) {
    return new JobView(
        jobId, status, browserTypeId, targetUrl, actions, waitUntil, priority, retryCount, maxRetries,
        timeoutMs, errorMessage, result, createdAt, startedAt, completedAt, updatedAt, jobArtifacts);
  }

  /** Whether the job has ended: completed, failed or cancelled. */
  public boolean hasEnded() {
    return WireEnum.fromWireName(JobStatus.class, status).map(JobStatus::hasEnded).orElse(false);
  }

  /** The view of a job accepted here but not yet projected: pending, nothing run. */
  public static JobView pending(SubmitJob job) {
    return new JobView(
        job.jobId().value(),
        JobStatus.PENDING.wireName(),
        job.browserTypeId(),
        job.targetUrl(),
        // Through the command, whose declared List<Action> keeps each action's "action" name.
        JsonCodec.toTree(job).get("actions"),
        job.waitUntil().wireName(),
        job.priority(),
        0,
        job.maxRetries(),
        job.timeoutMs(),
        null,
        null,
        job.submittedAt(),
        null,
        null,
        job.submittedAt(),
        List.of());
  }
}
