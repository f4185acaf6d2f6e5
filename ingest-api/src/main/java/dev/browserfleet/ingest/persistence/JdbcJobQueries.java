package dev.browserfleet.ingest.persistence;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JobStatus;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.job.ArtifactSummary;
import dev.browserfleet.ingest.job.DeliveryAttemptView;
import dev.browserfleet.ingest.job.JobFilter;
import dev.browserfleet.ingest.job.JobLogLine;
import dev.browserfleet.ingest.job.JobSummary;
import dev.browserfleet.ingest.job.PageCursor;
import dev.browserfleet.ingest.job.JobQueries;
import dev.browserfleet.ingest.job.JobView;
import dev.browserfleet.ingest.job.StoredArtifact;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code automation_jobs} and {@code job_artifacts}. Tenant isolation is in the SQL: a
 * client's query matches only rows whose {@code client_id} is its own, so another client's job is
 * indistinguishable from one that does not exist.
 */
@Repository("ingestJobQueries")
class JdbcJobQueries implements JobQueries {

  private static final String OWNED_BY_CALLER = "(:admin OR j.client_id = :clientId)";

  private static final String SELECT_JOB =
      "SELECT j.id, j.status, j.browser_type_id, j.target_url, j.actions::text AS actions, j.wait_until,"
          + " j.priority, j.retry_count, j.max_retries, j.timeout_ms, j.error_message,"
          + " j.result::text AS result, j.created_at, j.started_at, j.completed_at, j.updated_at"
          + " FROM automation_jobs j WHERE j.id = :jobId AND " + OWNED_BY_CALLER;

  private static final String SELECT_SUMMARIES =
      "SELECT j.id, j.status, j.browser_type_id, j.target_url, j.priority, j.retry_count, j.max_retries,"
          + " j.error_message, j.created_at, j.started_at, j.completed_at, j.updated_at"
          + " FROM automation_jobs j WHERE " + OWNED_BY_CALLER;

  private static final String SELECT_ARTIFACTS =
      "SELECT id, artifact_type, mime_type, size_bytes, sha256, created_at FROM job_artifacts WHERE job_id = :jobId"
          + " ORDER BY created_at, id";

  private static final String SELECT_LOGS =
      "SELECT id, level, message, metadata::text AS metadata, created_at FROM job_logs"
          + " WHERE job_id = :jobId AND id > :afterId ORDER BY id LIMIT :limit";

  // The bytes column is read only when there is no file, so a file-backed row costs no BYTEA read.
  private static final String SELECT_ARTIFACT =
      "SELECT a.id, a.artifact_type, a.mime_type, a.size_bytes, a.sha256, a.file_path,"
          + " CASE WHEN a.file_path IS NULL THEN a.file_data END AS file_data"
          + " FROM job_artifacts a JOIN automation_jobs j ON j.id = a.job_id"
          + " WHERE a.id = :artifactId AND a.job_id = :jobId AND " + OWNED_BY_CALLER;

  private final JdbcClient jdbc;

  JdbcJobQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<JobView> findJob(JobId jobId, Caller caller) {
    Optional<JobView> job =
        jdbc.sql(SELECT_JOB)
            .param("jobId", jobId.value())
            .param("admin", caller instanceof Caller.Admin)
            .param("clientId", caller.owningClientId())
            .query((rs, row) -> mapJob(rs))
            .optional();
    return job.map(found -> found.withArtifacts(artifactsOf(jobId)));
  }

  @Override
  public Optional<StoredArtifact> findArtifact(JobId jobId, UUID artifactId, Caller caller) {
    return jdbc.sql(SELECT_ARTIFACT)
        .param("artifactId", artifactId)
        .param("jobId", jobId.value())
        .param("admin", caller instanceof Caller.Admin)
        .param("clientId", caller.owningClientId())
        .query(
            (rs, row) ->
                new StoredArtifact(
                    rs.getObject("id", UUID.class),
                    rs.getString("artifact_type"),
                    rs.getString("mime_type"),
                    rs.getObject("size_bytes", Long.class),
                    rs.getString("sha256"),
                    rs.getString("file_path"),
                    rs.getBytes("file_data")))
        .optional();
  }

  @Override
  public List<JobSummary> listJobs(JobFilter filter, PageCursor after, int limit, Caller caller) {
    var sql = new StringBuilder(SELECT_SUMMARIES);
    var params = new HashMap<String, Object>();
    params.put("admin", caller instanceof Caller.Admin);
    params.put("clientId", caller.owningClientId());
    if (filter.status() != null) {
      sql.append(" AND j.status = :status");
      params.put("status", filter.status().wireName());
    }
    if (filter.browserTypeId() != null) {
      sql.append(" AND j.browser_type_id = :browserTypeId");
      params.put("browserTypeId", filter.browserTypeId());
    }
    if (filter.createdAfter() != null) {
      sql.append(" AND j.created_at > :createdAfter");
      params.put("createdAfter", utc(filter.createdAfter()));
    }
    if (filter.createdBefore() != null) {
      sql.append(" AND j.created_at < :createdBefore");
      params.put("createdBefore", utc(filter.createdBefore()));
    }
    if (after != null) {
      // Row comparison: strictly after the cursor in (created_at DESC, id DESC) order.
      sql.append(" AND (j.created_at, j.id) < (:afterCreatedAt, :afterId)");
      params.put("afterCreatedAt", utc(after.createdAt()));
      params.put("afterId", after.jobId());
    }
    sql.append(" ORDER BY j.created_at DESC, j.id DESC LIMIT :limit");
    params.put("limit", limit);
    return jdbc.sql(sql.toString()).params(params).query((rs, row) -> mapSummary(rs)).list();
  }

  @Override
  public Set<JobId> endedAmong(Set<JobId> jobIds) {
    if (jobIds.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(jdbc.sql("SELECT id FROM automation_jobs WHERE id IN (:ids) AND status IN (:ended)")
        .param("ids", jobIds.stream().map(JobId::value).toList())
        .param("ended", JobStatus.endedWireNames())
        .query((rs, row) -> new JobId(rs.getObject(1, UUID.class)))
        .list());
  }

  @Override
  public long pendingJobsOf(String clientId) {
    return jdbc.sql("SELECT count(*) FROM automation_jobs WHERE client_id = :client AND status = 'pending'")
        .param("client", clientId)
        .query(Long.class)
        .single();
  }

  @Override
  public List<ArtifactSummary> artifactsOf(JobId jobId) {
    return jdbc.sql(SELECT_ARTIFACTS)
        .param("jobId", jobId.value())
        .query(
            (rs, row) ->
                new ArtifactSummary(
                    rs.getObject("id", UUID.class),
                    rs.getString("artifact_type"),
                    rs.getString("mime_type"),
                    rs.getObject("size_bytes", Long.class),
                    rs.getString("sha256"),
                    utc(rs, "created_at")))
        .list();
  }

  @Override
  public List<JobLogLine> logsOf(JobId jobId, long afterId, int limit) {
    return jdbc.sql(SELECT_LOGS)
        .param("jobId", jobId.value())
        .param("afterId", afterId)
        .param("limit", limit)
        .query(
            (rs, row) ->
                new JobLogLine(
                    rs.getLong("id"),
                    rs.getString("level"),
                    rs.getString("message"),
                    json(rs.getString("metadata")),
                    utc(rs, "created_at")))
        .list();
  }

  @Override
  public List<DeliveryAttemptView> deliveriesOf(JobId jobId) {
    return jdbc.sql(
            "SELECT delivery_id, attempt, attempted_at, status_code, error, duration_ms, outcome, next_attempt_at"
                + " FROM webhook_deliveries WHERE job_id = :jobId ORDER BY attempted_at, delivery_id, attempt")
        .param("jobId", jobId.value())
        .query(
            (rs, row) ->
                new DeliveryAttemptView(
                    rs.getObject("delivery_id", UUID.class),
                    rs.getInt("attempt"),
                    utc(rs, "attempted_at"),
                    rs.getObject("status_code", Integer.class),
                    rs.getString("error"),
                    rs.getLong("duration_ms"),
                    rs.getString("outcome"),
                    utc(rs, "next_attempt_at")))
        .list();
  }

  private static JobSummary mapSummary(ResultSet rs) throws SQLException {
    return new JobSummary(
        rs.getObject("id", UUID.class),
        rs.getString("status"),
        rs.getObject("browser_type_id", Integer.class),
        rs.getString("target_url"),
        rs.getObject("priority", Integer.class),
        rs.getObject("retry_count", Integer.class),
        rs.getObject("max_retries", Integer.class),
        rs.getString("error_message"),
        utc(rs, "created_at"),
        utc(rs, "started_at"),
        utc(rs, "completed_at"),
        utc(rs, "updated_at"));
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static JobView mapJob(ResultSet rs) throws SQLException {
    return new JobView(
        rs.getObject("id", UUID.class),
        rs.getString("status"),
        rs.getObject("browser_type_id", Integer.class),
        rs.getString("target_url"),
        json(rs.getString("actions")),
        rs.getString("wait_until"),
        rs.getObject("priority", Integer.class),
        rs.getObject("retry_count", Integer.class),
        rs.getObject("max_retries", Integer.class),
        rs.getObject("timeout_ms", Integer.class),
        rs.getString("error_message"),
        json(rs.getString("result")),
        utc(rs, "created_at"),
        utc(rs, "started_at"),
        utc(rs, "completed_at"),
        utc(rs, "updated_at"),
        List.of());
  }

  private static JsonNode json(String text) {
    return text == null ? null : JsonCodec.readTree(text.getBytes(StandardCharsets.UTF_8));
  }

  // TIMESTAMP columns hold UTC wall-clock times (DESIGN.md), read without the JVM's zone.
  private static Instant utc(ResultSet rs, String column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
