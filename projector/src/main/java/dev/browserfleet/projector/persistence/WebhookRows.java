package dev.browserfleet.projector.persistence;

import static dev.browserfleet.projector.persistence.Jdbc.utc;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.webhook.DeliveryAttempted;
import dev.browserfleet.contracts.webhook.WebhookDelivery;
import dev.browserfleet.projector.webhook.TerminalJob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The webhook tables: {@code webhook_deliveries} (the projection of bf.webhook-deliveries) and
 * {@code webhook_subscriptions} (the delivery component's note of which running jobs have a
 * callback), and the read of an ended job for its callback's body.
 */
@Component
public class WebhookRows {

  /** A job's callback, as noted when the job was accepted. */
  public record Subscription(JobId jobId, String callbackUrl, UUID keyId) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public WebhookRows(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = Jdbc.transactionsOf(dataSource);
  }

  /** Applies delivery records in one transaction; only attempts make rows, each once. */
  public void applyDeliveries(List<WebhookDelivery> records) {
    transactions.executeWithoutResult(status -> {
      for (WebhookDelivery record : records) {
        if (record instanceof DeliveryAttempted attempted) {
          insert(attempted);
        }
      }
    });
  }

  private void insert(DeliveryAttempted a) {
    jdbc.sql("""
            INSERT INTO webhook_deliveries (delivery_id, attempt, job_id, attempted_at, status_code, error,
                duration_ms, outcome, next_attempt_at)
            VALUES (:deliveryId, :attempt, :jobId, :attemptedAt, :statusCode, :error, :durationMs, :outcome, :nextAttemptAt)
            ON CONFLICT (delivery_id, attempt) DO NOTHING
            """)
        .param("deliveryId", a.deliveryId())
        .param("attempt", a.attempt())
        .param("jobId", a.jobId().value())
        .param("attemptedAt", utc(a.attemptedAt()))
        .param("statusCode", a.statusCode())
        .param("error", Jdbc.text(a.error()))
        .param("durationMs", a.durationMs())
        .param("outcome", a.outcome().wireName())
        .param("nextAttemptAt", utc(a.nextAttemptAt()))
        .update();
  }

  public void subscribe(Subscription subscription, Instant at) {
    jdbc.sql("""
            INSERT INTO webhook_subscriptions (job_id, callback_url, key_id, created_at)
            VALUES (:jobId, :url, :keyId, :at) ON CONFLICT (job_id) DO NOTHING
            """)
        .param("jobId", subscription.jobId().value())
        .param("url", Jdbc.text(subscription.callbackUrl()))
        .param("keyId", subscription.keyId())
        .param("at", utc(at))
        .update();
  }

  public Optional<Subscription> subscription(JobId jobId) {
    return jdbc.sql("SELECT callback_url, key_id FROM webhook_subscriptions WHERE job_id = :jobId")
        .param("jobId", jobId.value())
        .query((rs, row) -> new Subscription(jobId, rs.getString("callback_url"), rs.getObject("key_id", UUID.class)))
        .optional();
  }

  public void unsubscribe(JobId jobId) {
    jdbc.sql("DELETE FROM webhook_subscriptions WHERE job_id = :jobId").param("jobId", jobId.value()).update();
  }

  /**
   * The job as projected, once its row has applied the event of {@code sequence} (the job's end);
   * empty while the projector has not got that far, or when the row is gone.
   */
  public Optional<TerminalJob> endedJob(JobId jobId, long sequence) {
    return transactions.execute(status -> {
      Optional<TerminalJob> job = jdbc.sql("""
              SELECT j.id, j.client_id, j.status, j.browser_type_id, b.name AS browser_type_name, j.target_url, j.created_at,
                  j.started_at, j.completed_at, j.retry_count, j.error_message, j.result::text AS result
              FROM automation_jobs j LEFT JOIN browser_types b ON b.id = j.browser_type_id
              WHERE j.id = :jobId AND j.last_event_seq >= :sequence
              """)
          .param("jobId", jobId.value())
          .param("sequence", sequence)
          .query((rs, row) -> job(rs, artifactsOf(jobId)))
          .optional();
      return job;
    });
  }

  /** Whether the job's row exists at all. */
  public boolean jobExists(JobId jobId) {
    return jdbc.sql("SELECT EXISTS (SELECT 1 FROM automation_jobs WHERE id = :jobId)")
        .param("jobId", jobId.value())
        .query(Boolean.class)
        .single();
  }

  private List<TerminalJob.Artifact> artifactsOf(JobId jobId) {
    return jdbc.sql("""
            SELECT id, artifact_type, mime_type, size_bytes, sha256 FROM job_artifacts
            WHERE job_id = :jobId ORDER BY created_at, id
            """)
        .param("jobId", jobId.value())
        .query((rs, row) -> new TerminalJob.Artifact(
            rs.getObject("id", UUID.class), rs.getString("artifact_type"), rs.getString("mime_type"),
            rs.getObject("size_bytes", Long.class), rs.getString("sha256")))
        .list();
  }

  private static TerminalJob job(ResultSet rs, List<TerminalJob.Artifact> artifacts) throws SQLException {
    return new TerminalJob(
        rs.getObject("id", UUID.class),
        rs.getString("client_id"),
        rs.getString("status"),
        rs.getObject("browser_type_id", Integer.class),
        rs.getString("browser_type_name"),
        rs.getString("target_url"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "completed_at"),
        rs.getInt("retry_count"),
        rs.getString("error_message"),
        rs.getString("result"),
        artifacts);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
