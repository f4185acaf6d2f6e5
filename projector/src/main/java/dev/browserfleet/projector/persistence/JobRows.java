package dev.browserfleet.projector.persistence;

import static dev.browserfleet.projector.persistence.Jdbc.json;
import static dev.browserfleet.projector.persistence.Jdbc.utc;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JobStatus;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.projector.projection.JobRow;
import dev.browserfleet.projector.projection.JobUpdate;
import dev.browserfleet.projector.projection.RowChange.BrowserTypeLink;
import dev.browserfleet.projector.projection.RowChange.UpdateJob;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;

/** The {@code automation_jobs} table. */
final class JobRows {

  private static final Logger log = LoggerFactory.getLogger(JobRows.class);
  private static final TypeReference<List<Action>> ACTIONS = new TypeReference<>() {};

  private final JdbcClient jdbc;

  JobRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The sequences already applied to these jobs, with their rows locked until the transaction
   * ends: two consumers overlapping during a rebalance then apply a job's events one after the
   * other. NO KEY UPDATE leaves the foreign-key checks of concurrent worker writes unblocked.
   */
  Map<JobId, Long> lockAppliedSequences(Collection<JobId> jobIds) {
    return jdbc.sql(
            "SELECT id, last_event_seq FROM automation_jobs WHERE id IN (:ids)"
                + " ORDER BY id FOR NO KEY UPDATE")
        .param("ids", jobIds.stream().map(JobId::value).toList())
        .query(
            (rs, n) ->
                Map.entry(new JobId(rs.getObject("id", UUID.class)), rs.getLong("last_event_seq")))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  void put(JobRow job, BrowserTypeLink link) {
    String browserType =
        switch (link) {
          case REQUIRED -> {
            requireBrowserType(job.browserTypeId(), job.id());
            yield ":browserTypeId";
          }
          case IF_PROJECTED -> "(SELECT id FROM browser_types WHERE id = :browserTypeId)";
        };
    jdbc.sql(
            """
            INSERT INTO automation_jobs (id, client_id, browser_type_id, target_url, actions,
                wait_until, status, priority, retry_count, max_retries, timeout_ms, created_at,
                started_at, completed_at, error_message, result, updated_at, last_event_seq)
            VALUES (:id, :clientId, %s, :targetUrl, CAST(:actions AS jsonb),
                :waitUntil, :status, :priority, :retryCount, :maxRetries, :timeoutMs, :createdAt,
                :startedAt, :completedAt, :errorMessage, CAST(:result AS jsonb), :updatedAt, :seq)
            ON CONFLICT (id) DO UPDATE SET
                client_id = EXCLUDED.client_id, browser_type_id = EXCLUDED.browser_type_id,
                target_url = EXCLUDED.target_url, actions = EXCLUDED.actions,
                wait_until = EXCLUDED.wait_until, status = EXCLUDED.status,
                priority = EXCLUDED.priority, retry_count = EXCLUDED.retry_count,
                max_retries = EXCLUDED.max_retries, timeout_ms = EXCLUDED.timeout_ms,
                created_at = EXCLUDED.created_at, started_at = EXCLUDED.started_at,
                completed_at = EXCLUDED.completed_at, error_message = EXCLUDED.error_message,
                result = EXCLUDED.result, updated_at = EXCLUDED.updated_at,
                last_event_seq = EXCLUDED.last_event_seq
            WHERE automation_jobs.last_event_seq < EXCLUDED.last_event_seq
            """
                .formatted(browserType))
        .param("id", job.id().value())
        .param("clientId", Jdbc.text(job.clientId()))
        .param("browserTypeId", job.browserTypeId())
        .param("targetUrl", Jdbc.text(job.targetUrl()))
        .param("actions", Jdbc.jsonText(JsonCodec.mapper().writerFor(ACTIONS).writeValueAsString(job.actions())))
        .param("waitUntil", job.waitUntil().wireName())
        .param("status", job.status().wireName())
        .param("priority", job.priority())
        .param("retryCount", job.retryCount())
        .param("maxRetries", job.maxRetries())
        .param("timeoutMs", job.timeoutMs())
        .param("createdAt", utc(job.createdAt()))
        .param("startedAt", utc(job.startedAt()))
        .param("completedAt", utc(job.completedAt()))
        .param("errorMessage", Jdbc.text(job.errorMessage()))
        .param("result", json(job.result()))
        .param("updatedAt", utc(job.updatedAt()))
        .param("seq", job.lastEventSeq())
        .update();
  }

  private void requireBrowserType(Integer browserTypeId, JobId jobId) {
    if (browserTypeId == null) {
      return;
    }
    boolean known =
        jdbc.sql("SELECT EXISTS (SELECT 1 FROM browser_types WHERE id = :id)")
            .param("id", browserTypeId)
            .query(Boolean.class)
            .single();
    if (!known) {
      throw new MissingReferenceException(
          "job " + jobId + " refers to browser type " + browserTypeId
              + ", not yet read from bf.browser-types");
    }
  }

  void update(UpdateJob c) {
    var set =
        switch (c.update()) {
          case JobUpdate.Touch t -> jdbc.sql(updateSql(""));
          case JobUpdate.Start s ->
              jdbc.sql(
                      updateSql(
                          "status = 'processing', started_at = COALESCE(started_at, :startedAt),"))
                  .param("startedAt", utc(s.startedAt()));
          case JobUpdate.Requeue r ->
              jdbc.sql(updateSql("status = 'pending', retry_count = :retryCount,"))
                  .param("retryCount", r.retryCount());
          case JobUpdate.Finish f ->
              jdbc.sql(
                      updateSql(
                          "status = :status, completed_at = :completedAt,"
                              + " error_message = :errorMessage, result = CAST(:result AS jsonb),"))
                  .param("status", f.status().wireName())
                  .param("completedAt", utc(f.completedAt()))
                  .param("errorMessage", Jdbc.text(f.errorMessage()))
                  .param("result", json(f.result()));
        };
    int rows =
        set.param("id", c.jobId().value())
            .param("seq", c.sequence())
            .param("updatedAt", utc(c.updatedAt()))
            .update();
    if (rows == 0) {
      log.debug("job {} event {} changed no row (no such job, or already applied)", c.jobId(), c.sequence());
    } else if (c.update() instanceof JobUpdate.Finish) {
      // Heard when this transaction commits: reads waiting for the job's end answer at once.
      jdbc.sql("SELECT pg_notify(:channel, :jobId)")
          .param("channel", JobStatus.ENDED_CHANNEL)
          .param("jobId", c.jobId().toString())
          .query()
          .listOfRows();
    }
  }

  private static String updateSql(String changes) {
    return "UPDATE automation_jobs SET " + changes
        + " updated_at = :updatedAt, last_event_seq = :seq"
        + " WHERE id = :id AND last_event_seq < :seq";
  }
}
