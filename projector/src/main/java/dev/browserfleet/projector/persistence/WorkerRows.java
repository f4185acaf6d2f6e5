package dev.browserfleet.projector.persistence;

import static dev.browserfleet.projector.persistence.Jdbc.json;
import static dev.browserfleet.projector.persistence.Jdbc.utc;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.projector.projection.RowChange.JobLink;
import dev.browserfleet.projector.projection.RowChange.LinkWaitingWorkers;
import dev.browserfleet.projector.projection.RowChange.PutWorker;
import dev.browserfleet.projector.projection.RowChange.StopWorker;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code browser_workers} table. A heartbeat naming a job whose row is not projected yet keeps
 * it in {@code pending_job_id}, and the job's row, once put, takes over those workers ({@link
 * LinkWaitingWorkers}): whichever of the two is written first, the worker ends up pointing at
 * the job.
 */
final class WorkerRows {

  private final JdbcClient jdbc;

  WorkerRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Serialises, until the transaction ends, the writes that link workers to these jobs: a
   * heartbeat naming a job and the job's first row, written at once by the two topics'
   * consumers, would otherwise each miss the other's uncommitted row, and the worker would be
   * left pending. Taken in one order by everyone, before any row is written, so that no two
   * transactions wait for each other.
   */
  void lockLinksTo(Collection<JobId> jobIds) {
    jobIds.stream()
        .map(id -> id.value().getMostSignificantBits() ^ id.value().getLeastSignificantBits())
        .distinct()
        .sorted()
        .forEach(key -> jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", key).query().listOfRows());
  }

  void put(PutWorker c) {
    UUID named = c.currentJobId() == null ? null : c.currentJobId().value();
    // FOR KEY SHARE: a job that retention is deleting at this moment reads as absent instead of
    // failing the foreign key once the delete commits.
    boolean projected =
        named != null
            && jdbc.sql("SELECT id FROM automation_jobs WHERE id = :id FOR KEY SHARE")
                .param("id", named)
                .query(UUID.class)
                .optional()
                .isPresent();
    UUID pending = named != null && !projected && c.jobLink() == JobLink.WHEN_PROJECTED ? named : null;
    jdbc.sql(
            """
            INSERT INTO browser_workers (id, browser_type_id, status, current_job_id,
                pending_job_id, last_heartbeat, started_at, metadata)
            VALUES (:id,
                (SELECT id FROM browser_types WHERE id = :browserTypeId),
                :status, :currentJobId, :pendingJobId,
                :heartbeat, :startedAt, CAST(:metadata AS jsonb))
            ON CONFLICT (id) DO UPDATE SET
                browser_type_id = EXCLUDED.browser_type_id, status = EXCLUDED.status,
                current_job_id = EXCLUDED.current_job_id, pending_job_id = EXCLUDED.pending_job_id,
                last_heartbeat = EXCLUDED.last_heartbeat,
                started_at = EXCLUDED.started_at, metadata = EXCLUDED.metadata
            WHERE browser_workers.last_heartbeat IS NULL
               OR browser_workers.last_heartbeat <= EXCLUDED.last_heartbeat
            """)
        .param("id", c.workerId().value())
        .param("browserTypeId", c.browserTypeId())
        .param("status", c.status().wireName())
        .param("currentJobId", projected ? named : null)
        .param("pendingJobId", pending)
        .param("heartbeat", utc(c.lastHeartbeat()))
        .param("startedAt", utc(c.startedAt()))
        .param("metadata", json(c.metadata()))
        .update();
  }

  void linkWaiting(LinkWaitingWorkers c) {
    jdbc.sql(
            """
            UPDATE browser_workers SET current_job_id = :jobId, pending_job_id = NULL
            WHERE pending_job_id = :jobId
              AND EXISTS (SELECT 1 FROM automation_jobs WHERE id = :jobId)
            """)
        .param("jobId", c.jobId().value())
        .update();
  }

  void stop(StopWorker c) {
    // A stop is the worker's last sign of life, so it also moves last_heartbeat: a heartbeat sent
    // before the stop but read after it is then recognised as older and ignored.
    jdbc.sql(
            """
            INSERT INTO browser_workers
                (id, status, current_job_id, pending_job_id, last_heartbeat, started_at, metadata)
            VALUES (:id, 'offline', NULL, NULL, :stoppedAt, :stoppedAt, CAST(:metadata AS jsonb))
            ON CONFLICT (id) DO UPDATE SET
                status = 'offline', current_job_id = NULL, pending_job_id = NULL,
                last_heartbeat = EXCLUDED.last_heartbeat, metadata = EXCLUDED.metadata
            WHERE browser_workers.last_heartbeat IS NULL
               OR browser_workers.last_heartbeat <= EXCLUDED.last_heartbeat
            """)
        .param("id", c.workerId().value())
        .param("stoppedAt", utc(c.stoppedAt()))
        .param("metadata", json(c.metadata()))
        .update();
  }
}
