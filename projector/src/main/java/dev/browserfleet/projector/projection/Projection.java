package dev.browserfleet.projector.projection;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JobStatus;
import dev.browserfleet.contracts.LogLevel;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.event.JobAccepted;
import dev.browserfleet.contracts.event.JobArtifactStored;
import dev.browserfleet.contracts.event.JobCancelled;
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.JobFailed;
import dev.browserfleet.contracts.event.JobLogged;
import dev.browserfleet.contracts.event.JobProgressed;
import dev.browserfleet.contracts.event.JobRejected;
import dev.browserfleet.contracts.event.JobRequeued;
import dev.browserfleet.contracts.event.JobStarted;
import dev.browserfleet.contracts.event.JobSucceeded;
import dev.browserfleet.contracts.event.WorkerEvent;
import dev.browserfleet.contracts.event.WorkerHeartbeat;
import dev.browserfleet.contracts.event.WorkerStopped;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyUsage;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.projector.projection.RowChange.AddArtifact;
import dev.browserfleet.projector.projection.RowChange.AddLog;
import dev.browserfleet.projector.projection.RowChange.BrowserTypeLink;
import dev.browserfleet.projector.projection.RowChange.DeleteUrlPolicy;
import dev.browserfleet.projector.projection.RowChange.JobLink;
import dev.browserfleet.projector.projection.RowChange.LinkWaitingWorkers;
import dev.browserfleet.projector.projection.RowChange.PutApiKey;
import dev.browserfleet.projector.projection.RowChange.PutUrlPolicy;
import dev.browserfleet.projector.projection.RowChange.TouchApiKey;
import dev.browserfleet.projector.projection.RowChange.PutBrowserType;
import dev.browserfleet.projector.projection.RowChange.PutJob;
import dev.browserfleet.projector.projection.RowChange.PutWorker;
import dev.browserfleet.projector.projection.RowChange.StopWorker;
import dev.browserfleet.projector.projection.RowChange.UpdateJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The projection: what each event means for the tables. Pure, so that every rule is tested
 * without a broker or a database, and so that replaying the topics rebuilds the same rows.
 */
public final class Projection {

  private Projection() {}

  /**
   * The row changes of one job event, given the sequence already applied to the job's row (0 when
   * it has none). An event whose sequence is not above it was applied before (a replay or a
   * duplicate) and changes nothing.
   */
  public static List<RowChange> evolve(long appliedSequence, JobEvent event) {
    if (event.sequence() <= appliedSequence) {
      return List.of();
    }
    JobId jobId = event.jobId();
    long seq = event.sequence();
    var at = event.occurredAt();
    return switch (event) {
      case JobAccepted e ->
          List.of(new PutJob(accepted(e), BrowserTypeLink.REQUIRED), new LinkWaitingWorkers(jobId));
      case JobRejected e -> List.of(new PutJob(rejected(e), BrowserTypeLink.IF_PROJECTED));
      case JobStarted e -> List.of(new UpdateJob(jobId, seq, at, new JobUpdate.Start(at)));
      case JobRequeued e ->
          List.of(
              new UpdateJob(jobId, seq, at, new JobUpdate.Requeue(e.retryCount())),
              attemptLog(e, LogLevel.WARN, requeueMessage(e), attemptMetadata(e.attempt(),
                  "nextAttempt", e.nextAttempt(), "retryCount", e.retryCount(), "retryAt", e.retryAt().toString())));
      case JobLogged e ->
          List.of(
              new AddLog(e.eventId(), jobId, e.level(), e.message(), logMetadata(e), at),
              touch(e));
      case JobProgressed e ->
          List.of(
              new AddLog(e.eventId(), jobId, e.success() ? LogLevel.INFO : LogLevel.ERROR, e.describe(),
                  progressMetadata(e), at),
              touch(e));
      case JobArtifactStored e -> {
        var a = e.artifact();
        yield List.of(
            new AddArtifact(
                a.id(), jobId, a.artifactType(), a.path(), a.mimeType(), a.sizeBytes(), a.sha256(),
                at),
            touch(e));
      }
      case JobSucceeded e ->
          List.of(
              new UpdateJob(
                  jobId, seq, at, new JobUpdate.Finish(JobStatus.COMPLETED, at, null, e.result())),
              attemptLog(e, LogLevel.INFO, "attempt " + e.attempt() + " succeeded", attemptMetadata(e.attempt())));
      case JobFailed e ->
          List.of(
              new UpdateJob(
                  jobId, seq, at, new JobUpdate.Finish(JobStatus.FAILED, at, e.reason(), e.result())),
              attemptLog(e, LogLevel.ERROR, "attempt " + e.attempt() + " failed, and so did the job: " + e.reason(),
                  attemptMetadata(e.attempt())));
      case JobCancelled e ->
          List.of(
              new UpdateJob(
                  jobId, seq, at, new JobUpdate.Finish(JobStatus.CANCELLED, at, e.reason(), null)),
              attemptLog(e, LogLevel.WARN, "the job was cancelled: " + e.reason(), Map.of()));
    };
  }

  /**
   * The row changes of a batch of job events in log order, given the sequences already applied
   * (jobs absent from {@code applied} have none). Duplicates inside the batch are dropped too.
   *
   * <p>A job created before {@code retainedSince} is past retention: its row has been deleted,
   * or is about to be, so its first event puts no row and a replay does not bring it back. Its
   * later events then find no row and change nothing.
   */
  public static List<RowChange> evolveAll(
      Map<JobId, Long> applied, List<JobEvent> events, Instant retainedSince) {
    var sequences = new HashMap<>(applied);
    var changes = new ArrayList<RowChange>();
    for (JobEvent event : events) {
      List<RowChange> eventChanges = evolve(sequences.getOrDefault(event.jobId(), 0L), event);
      if (!eventChanges.isEmpty() && !putsAJobPastRetention(eventChanges, retainedSince)) {
        sequences.put(event.jobId(), event.sequence());
        changes.addAll(eventChanges);
      }
    }
    return List.copyOf(changes);
  }

  private static boolean putsAJobPastRetention(List<RowChange> changes, Instant retainedSince) {
    return changes.stream()
        .anyMatch(c -> c instanceof PutJob put && put.job().createdAt().isBefore(retainedSince));
  }

  /**
   * The row change of a worker event; ordering by heartbeat time is the store's guard.
   *
   * <p>A heartbeat naming a job whose row is not projected yet is an ordering every run has (the
   * job and worker topics are read independently, and a worker reports its job as soon as it
   * starts it), so the worker waits for the job's row as pending rather than failing. Only a
   * heartbeat sent before {@code retainedSince} does not: its job was created before that too, so
   * it is past retention and its row is never put (again).
   */
  public static RowChange evolve(WorkerEvent event, Instant retainedSince) {
    return switch (event) {
      case WorkerHeartbeat e ->
          new PutWorker(
              e.workerId(),
              e.status(),
              e.currentJobId(),
              e.occurredAt().isBefore(retainedSince) ? JobLink.IF_PROJECTED : JobLink.WHEN_PROJECTED,
              e.browserTypeId(),
              e.occurredAt(),
              e.startedAt() != null ? e.startedAt() : e.occurredAt(),
              workerMetadata(e.instance(), e.engine()));
      case WorkerStopped e ->
          new StopWorker(e.workerId(), e.occurredAt(), workerMetadata(e.instance(), e.engine()));
    };
  }

  public static RowChange evolve(BrowserType browserType) {
    return new PutBrowserType(browserType);
  }

  public static RowChange evolve(ApiKey apiKey) {
    return new PutApiKey(apiKey);
  }

  public static RowChange evolve(ApiKeyUsage usage) {
    return new TouchApiKey(usage.keyId(), usage.lastUsedAt());
  }

  public static RowChange evolve(UrlPolicyRecord record) {
    return record.policy() == null ? new DeleteUrlPolicy(record.id()) : new PutUrlPolicy(record.policy());
  }

  private static JobRow accepted(JobAccepted e) {
    SubmitJob job = e.job();
    return new JobRow(
        e.jobId(),
        job.clientId(),
        job.browserTypeId(),
        job.targetUrl(),
        job.actions(),
        job.waitUntil(),
        JobStatus.PENDING,
        job.priority(),
        0,
        job.maxRetries(),
        job.timeoutMs(),
        job.submittedAt() != null ? job.submittedAt() : e.occurredAt(),
        null,
        null,
        null,
        null,
        e.occurredAt(),
        e.sequence());
  }

  /** A rejected submission is kept as a failed job, with SCHEMA.md's defaults where it said nothing. */
  private static JobRow rejected(JobRejected e) {
    // The record's canonical constructor fills SCHEMA.md's defaults for absent fields.
    SubmitJob job =
        e.job() != null
            ? e.job()
            : new SubmitJob(e.jobId(), null, null, null, null, null, null, null, null, null);
    return new JobRow(
        e.jobId(),
        job.clientId(),
        job.browserTypeId(),
        job.targetUrl() != null ? job.targetUrl() : "",
        job.actions(),
        job.waitUntil(),
        JobStatus.FAILED,
        job.priority(),
        0,
        job.maxRetries(),
        job.timeoutMs(),
        job.submittedAt() != null ? job.submittedAt() : e.occurredAt(),
        null,
        e.occurredAt(),
        rejectionMessage(e.field(), e.reason()),
        null,
        e.occurredAt(),
        e.sequence());
  }

  static String rejectionMessage(String field, String reason) {
    String why = reason != null && !reason.isBlank() ? reason : "rejected";
    return field != null && !field.isBlank() ? field + ": " + why : why;
  }

  /** How an attempt ended, as a job_logs row: every attempt leaves one. */
  private static AddLog attemptLog(JobEvent e, LogLevel level, String message, Map<String, Object> metadata) {
    return new AddLog(e.eventId(), e.jobId(), level, message, metadata, e.occurredAt());
  }

  private static String requeueMessage(JobRequeued e) {
    if (e.nextAttempt() == e.attempt()) {
      return e.reason(); // the same lane record serves again: the reason says where the job is
    }
    long waitMs = Math.max(0, e.retryAt().toEpochMilli() - e.occurredAt().toEpochMilli());
    return e.reason() + "; retry " + e.retryCount() + " (attempt " + e.nextAttempt() + ") in " + waitMs + " ms";
  }

  private static Map<String, Object> attemptMetadata(int attempt, Object... more) {
    var metadata = new LinkedHashMap<String, Object>();
    metadata.put("attempt", attempt);
    for (int i = 0; i + 1 < more.length; i += 2) {
      metadata.put((String) more[i], more[i + 1]);
    }
    return metadata;
  }

  private static UpdateJob touch(JobEvent e) {
    return new UpdateJob(e.jobId(), e.sequence(), e.occurredAt(), new JobUpdate.Touch());
  }

  private static Map<String, Object> logMetadata(JobLogged e) {
    var metadata = new LinkedHashMap<String, Object>();
    if (e.metadata() != null) {
      metadata.putAll(e.metadata());
    }
    metadata.put("attempt", e.attempt());
    return metadata;
  }

  private static Map<String, Object> progressMetadata(JobProgressed e) {
    var metadata = new LinkedHashMap<String, Object>();
    metadata.put("index", e.actionIndex());
    metadata.put("action", e.action());
    metadata.put("durationMs", e.durationMs());
    metadata.put("success", e.success());
    metadata.put("attempt", e.attempt());
    return metadata;
  }

  private static Map<String, Object> workerMetadata(String instance, Engine engine) {
    var metadata = new LinkedHashMap<String, Object>();
    if (instance != null) {
      metadata.put("instance", instance);
    }
    if (engine != null) {
      metadata.put("engine", engine.wireName());
    }
    return metadata;
  }
}
