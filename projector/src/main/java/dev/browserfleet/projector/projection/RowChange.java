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
   * Inserts or updates a worker, unless its row holds a later heartbeat. The browser type is
   * linked only if its row exists (foreign key); the job as {@code jobLink} says, since a
   * heartbeat can outrun the job's events.
   */
  record PutWorker(
      WorkerId workerId,
      WorkerStatus status,
      JobId currentJobId,
      JobLink jobLink,
      Integer browserTypeId,
      Instant lastHeartbeat,
      Instant startedAt,
      Map<String, Object> metadata)
      implements RowChange {}

  /**
   * The job's row exists now: every worker whose latest heartbeat named it before it did ({@link
   * JobLink#WHEN_PROJECTED}) points at it from now on.
   */
  record LinkWaitingWorkers(JobId jobId) implements RowChange {}

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

  /**
   * How a worker row refers to the job its heartbeat names ({@code current_job_id} is a foreign
   * key, so it can only name a job whose row exists).
   */
  enum JobLink {
    /** Link the job if its row exists, else leave {@code current_job_id} NULL. */
    IF_PROJECTED,
    /**
     * Link the job if its row exists; else keep it pending and link it when the job's row is put
     * ({@link LinkWaitingWorkers}). The row then ends the same whichever of the two topics is read
     * first, as a rebuild requires, and nothing waits.
     */
    WHEN_PROJECTED
  }

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
