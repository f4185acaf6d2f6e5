package dev.browserfleet.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes rows as the projector would, for tests of the read side (the projector does not run in
 * the ingest-api's tests). Builders with the defaults of a small completed screenshot job.
 */
public final class ProjectedRows {

  public static final String PUBLIC_URL = "http://93.184.215.14/";

  private final JdbcClient jdbc;

  public ProjectedRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public JobRow job(String clientId) {
    return new JobRow(clientId);
  }

  /** An artifact row whose bytes are a file in the artifact directory. */
  public UUID artifactFile(UUID jobId, String relativePath, byte[] bytes, String sha256) {
    try {
      Path file = TestEnvironment.artifactDir().resolve(relativePath);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return artifactRow(jobId, relativePath, bytes.length, sha256);
  }

  public UUID artifactRow(UUID jobId, String filePath, long size, String sha256) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO job_artifacts (id, job_id, artifact_type, file_path, mime_type, size_bytes, sha256)
            VALUES (:id, :jobId, 'screenshot', :path, 'image/png', :size, :sha256)""")
        .param("id", id)
        .param("jobId", jobId)
        .param("path", filePath)
        .param("size", size)
        .param("sha256", sha256)
        .update();
    return id;
  }

  public void log(UUID jobId, String level, String message) {
    jdbc.sql(
            """
            INSERT INTO job_logs (job_id, level, message, metadata, created_at, event_id)
            VALUES (:jobId, :level, :message, CAST('{"attempt":1}' AS jsonb), :at, :eventId)""")
        .param("jobId", jobId)
        .param("level", level)
        .param("message", message)
        .param("at", LocalDateTime.parse("2026-03-01T10:00:01.5"))
        .param("eventId", UUID.randomUUID())
        .update();
  }

  /** A job row to write; every setter returns the builder. */
  public final class JobRow {

    private final String clientId;
    private String status = "completed";
    private int browserTypeId = 1;
    private LocalDateTime createdAt = LocalDateTime.parse("2026-03-01T10:00:00.123456");

    private JobRow(String clientId) {
      this.clientId = clientId;
    }

    public JobRow status(String value) {
      status = value;
      return this;
    }

    public JobRow browserTypeId(int value) {
      browserTypeId = value;
      return this;
    }

    public JobRow createdAt(LocalDateTime value) {
      createdAt = value;
      return this;
    }

    public UUID insert() {
      UUID id = UUID.randomUUID();
      boolean started = !status.equals("pending");
      boolean ended = !status.equals("pending") && !status.equals("processing");
      jdbc.sql(
              """
              INSERT INTO automation_jobs (id, browser_type_id, target_url, actions, wait_until, status, priority,
                  retry_count, max_retries, timeout_ms, created_at, started_at, completed_at, result, updated_at,
                  client_id)
              VALUES (:id, :browserTypeId, :url, CAST(:actions AS jsonb), 'load', :status, 50, 1, 3, 30000, :created,
                  :started, :completed, CAST(:result AS jsonb), :updated, :clientId)""")
          .param("id", id)
          .param("browserTypeId", browserTypeId)
          .param("url", PUBLIC_URL)
          .param("actions", "[{\"action\":\"screenshot\"}]")
          .param("status", status)
          .param("created", createdAt)
          .param("started", started ? createdAt.plusSeconds(1) : null)
          .param("completed", ended ? createdAt.plusNanos(2_500_000_000L) : null)
          .param("result", ended ? "{\"title\":\"Example\",\"data\":{}}" : null)
          .param("updated", ended ? createdAt.plusNanos(2_500_000_000L) : createdAt)
          .param("clientId", clientId)
          .update();
      return id;
    }
  }
}
