package dev.browserfleet.projector.persistence;

import static dev.browserfleet.projector.persistence.Jdbc.json;
import static dev.browserfleet.projector.persistence.Jdbc.utc;

import dev.browserfleet.projector.projection.RowChange.AddArtifact;
import dev.browserfleet.projector.projection.RowChange.AddLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code job_logs} and {@code job_artifacts} tables: rows added to a job's, once each. */
final class JobDetailRows {

  private static final Logger log = LoggerFactory.getLogger(JobDetailRows.class);

  private final JdbcClient jdbc;

  JobDetailRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void addLog(AddLog c) {
    int rows =
        jdbc.sql(
                """
                INSERT INTO job_logs (job_id, level, message, metadata, created_at, event_id)
                SELECT :jobId, :level, :message, CAST(:metadata AS jsonb), :createdAt, :eventId
                WHERE EXISTS (SELECT 1 FROM automation_jobs WHERE id = :jobId)
                ON CONFLICT (event_id) DO NOTHING
                """)
            .param("jobId", c.jobId().value())
            .param("level", c.level().wireName())
            .param("message", Jdbc.text(c.message()))
            .param("metadata", json(c.metadata()))
            .param("createdAt", utc(c.createdAt()))
            .param("eventId", c.eventId())
            .update();
    if (rows == 0) {
      log.debug("log event {} of job {} added no row (no such job, or already added)", c.eventId(), c.jobId());
    }
  }

  void addArtifact(AddArtifact c) {
    int rows =
        jdbc.sql(
                """
                INSERT INTO job_artifacts
                    (id, job_id, artifact_type, file_path, mime_type, size_bytes, sha256, created_at)
                SELECT :id, :jobId, :type, :path, :mimeType, :sizeBytes, :sha256, :createdAt
                WHERE EXISTS (SELECT 1 FROM automation_jobs WHERE id = :jobId)
                ON CONFLICT (id) DO NOTHING
                """)
            .param("id", c.artifactId())
            .param("jobId", c.jobId().value())
            .param("type", c.artifactType().wireName())
            .param("path", c.filePath())
            .param("mimeType", c.mimeType())
            .param("sizeBytes", c.sizeBytes())
            .param("sha256", c.sha256())
            .param("createdAt", utc(c.createdAt()))
            .update();
    if (rows == 0) {
      log.debug("artifact {} of job {} added no row (no such job, or already added)", c.artifactId(), c.jobId());
    }
  }
}
