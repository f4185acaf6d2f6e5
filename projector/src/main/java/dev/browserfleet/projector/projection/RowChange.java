package dev.browserfleet.projector.projection;

import dev.browserfleet.contracts.ArtifactType;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.LogLevel;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.WorkerStatus;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.UrlPolicy;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One change to the tables that an event implies. The persistence adapter turns each into one
 * idempotent statement; the guards that need the database (a sequence already applied by another
 * consumer, a referenced row that may not exist) are part of that statement.
 */
public sealed interface RowChange {

  /**
   * Inserts the job's row, or replaces it if the row holds an older sequence.
   *
   * @param browserType whether {@code job.browserTypeId()} must already be projected
   */
  record PutJob(JobRow job, BrowserTypeLink browserType) implements RowChange {}

  /** Changes an existing job row, only if its {@code last_event_seq} is below {@code sequence}. */
  record UpdateJob(JobId jobId, long sequence, Instant updatedAt, JobUpdate update)
      implements RowChange {}

  /** A {@code job_logs} row, once per event id, for a job that has a row. */
  record AddLog(
      UUID eventId,
      JobId jobId,
      LogLevel level,
      String message,
      Map<String, Object> metadata,
      Instant createdAt)
      implements RowChange {}

  /** A {@code job_artifacts} row, once per artifact id, for a job that has a row. */
  record AddArtifact(
      UUID artifactId,
      JobId jobId,
      ArtifactType artifactType,
      String filePath,
      String mimeType,
      long sizeBytes,
      String sha256,
      Instant createdAt)
      implements RowChange {}

  /**
   * Inserts or updates a worker, unless its row holds a later heartbeat. The job and browser type
   * are linked only if their rows exist (foreign keys); a heartbeat can outrun the job's events.
   */
  record PutWorker(
      WorkerId workerId,
      WorkerStatus status,
      JobId currentJobId,
      Integer browserTypeId,
      Instant lastHeartbeat,
      Instant startedAt,
      Map<String, Object> metadata)
      implements RowChange {}

  /** Marks a worker offline with no job, unless its row holds a later heartbeat. */
  record StopWorker(WorkerId workerId, Instant stoppedAt, Map<String, Object> metadata)
      implements RowChange {}

  /** Inserts or replaces a browser type: the latest value on its compacted topic wins. */
  record PutBrowserType(BrowserType browserType) implements RowChange {}

  /** Inserts or replaces an API key: the latest value on its compacted topic wins. */
  record PutApiKey(ApiKey apiKey) implements RowChange {}

  /** A key was used at {@code at}: last_used_at moves forward to it, never back. */
  record TouchApiKey(UUID keyId, Instant at) implements RowChange {}

  /** Insert or replace a URL policy, unless the row is newer. */
  record PutUrlPolicy(UrlPolicy policy) implements RowChange {}

  /** A deleted URL policy: its row goes. */
  record DeleteUrlPolicy(UUID id) implements RowChange {}

  /** How a job row refers to its browser type. */
  enum BrowserTypeLink {
    /**
     * The dispatcher admitted the job against this type, so the type is on {@code
     * bf.browser-types}; if the projector has not read it yet, the write waits for it.
     */
    REQUIRED,
    /** The type may not exist (a rejected job): link it if it does, else leave it NULL. */
    IF_PROJECTED
  }
}
