package dev.browserfleet.projector.persistence;

import static dev.browserfleet.projector.persistence.Jdbc.utc;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.WorkerEvent;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyUsage;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.projector.config.ProjectorProperties;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.projector.projection.UrlPolicyRecord;
import dev.browserfleet.projector.projection.JobRow;
import dev.browserfleet.projector.projection.JobUpdate;
import dev.browserfleet.projector.projection.Projection;
import dev.browserfleet.projector.projection.RowChange;
import dev.browserfleet.projector.projection.RowChange.AddArtifact;
import dev.browserfleet.projector.projection.RowChange.AddLog;
import dev.browserfleet.projector.projection.RowChange.BrowserTypeLink;
import dev.browserfleet.projector.projection.RowChange.DeleteUrlPolicy;
import dev.browserfleet.projector.projection.RowChange.PutApiKey;
import dev.browserfleet.projector.projection.RowChange.PutUrlPolicy;
import dev.browserfleet.projector.projection.RowChange.TouchApiKey;
import dev.browserfleet.projector.projection.RowChange.PutBrowserType;
import dev.browserfleet.projector.projection.RowChange.PutJob;
import dev.browserfleet.projector.projection.RowChange.PutWorker;
import dev.browserfleet.projector.projection.RowChange.StopWorker;
import dev.browserfleet.projector.projection.RowChange.UpdateJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * Writes the projection to PostgreSQL. Each {@code apply...} call is one transaction; every
 * statement is idempotent, so a batch that is retried or replayed changes nothing twice.
 *
 * <p>Timestamps are bound as UTC {@code LocalDateTime}s ({@code Jdbc.utc}), so the stored values
 * do not depend on the JVM's or the session's time zone.
 */
@Component
public class ProjectionStore {

  private static final Logger log = LoggerFactory.getLogger(ProjectionStore.class);
  private static final TypeReference<List<Action>> ACTIONS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Duration retention;
  private final Duration workerOfflineAfter;

  @Autowired
  public ProjectionStore(DataSource dataSource, ProjectorProperties properties) {
    this(dataSource, Clock.systemUTC(), properties.retention(), properties.workerOfflineAfter());
  }

  /**
   * @param clock tells which jobs are past {@code retention} and which heartbeats are recent
   * @param retention a job created longer ago than this is not projected (again)
   * @param workerOfflineAfter a heartbeat younger than this still describes a live worker
   */
  public ProjectionStore(
      DataSource dataSource, Clock clock, Duration retention, Duration workerOfflineAfter) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = Jdbc.transactionsOf(dataSource);
    this.clock = clock;
    this.retention = retention;
    this.workerOfflineAfter = workerOfflineAfter;
  }

  /** Applies job events in log order, in one transaction. */
  public void applyJobEvents(List<JobEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    transactions.executeWithoutResult(
        tx -> {
          var jobIds = new LinkedHashSet<JobId>();
          events.forEach(e -> jobIds.add(e.jobId()));
          Map<JobId, Long> applied = lockAppliedSequences(jobIds);
          Projection.evolveAll(applied, events, clock.instant().minus(retention))
              .forEach(this::write);
        });
  }

  public void applyWorkerEvents(List<WorkerEvent> events) {
    applyAll(events.stream().map(Projection::evolve).toList());
  }

  public void applyBrowserTypes(List<BrowserType> types) {
    applyAll(types.stream().map(Projection::evolve).toList());
  }

  public void applyApiKeys(List<ApiKey> keys) {
    applyAll(keys.stream().map(Projection::evolve).toList());
  }

  public void applyApiKeyUsage(List<ApiKeyUsage> usages) {
    applyAll(usages.stream().map(Projection::evolve).toList());
  }

  public void applyUrlPolicies(List<UrlPolicyRecord> records) {
    applyAll(records.stream().map(Projection::evolve).toList());
  }

  private void applyAll(List<RowChange> changes) {
    if (!changes.isEmpty()) {
      transactions.executeWithoutResult(tx -> changes.forEach(this::write));
    }
  }

  /**
   * The sequences already applied to these jobs, with their rows locked until the transaction
   * ends: two consumers overlapping during a rebalance then apply a job's events one after the
   * other. NO KEY UPDATE leaves the foreign-key checks of concurrent worker writes unblocked.
   */
  private Map<JobId, Long> lockAppliedSequences(Collection<JobId> jobIds) {
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

  private void write(RowChange change) {
    switch (change) {
      case PutJob c -> putJob(c.job(), c.browserType());
      case UpdateJob c -> updateJob(c);
      case AddLog c -> addLog(c);
      case AddArtifact c -> addArtifact(c);
      case PutWorker c -> putWorker(c);
      case StopWorker c -> stopWorker(c);
      case PutBrowserType c -> putBrowserType(c.browserType());
      case PutApiKey c -> putApiKey(c.apiKey());
      case TouchApiKey c -> touchApiKey(c);
      case PutUrlPolicy c -> putUrlPolicy(c.policy());
      case DeleteUrlPolicy c -> jdbc.sql("DELETE FROM url_policies WHERE id = :id").param("id", c.id()).update();
    }
  }

  private void putJob(JobRow job, BrowserTypeLink link) {
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
        .param("clientId", job.clientId())
        .param("browserTypeId", job.browserTypeId())
        .param("targetUrl", job.targetUrl())
        .param("actions", JsonCodec.mapper().writerFor(ACTIONS).writeValueAsString(job.actions()))
        .param("waitUntil", job.waitUntil().wireName())
        .param("status", job.status().wireName())
        .param("priority", job.priority())
        .param("retryCount", job.retryCount())
        .param("maxRetries", job.maxRetries())
        .param("timeoutMs", job.timeoutMs())
        .param("createdAt", utc(job.createdAt()))
        .param("startedAt", utc(job.startedAt()))
        .param("completedAt", utc(job.completedAt()))
        .param("errorMessage", job.errorMessage())
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

  private void updateJob(UpdateJob c) {
    var set =
        switch (c.update()) {
          case JobUpdate.Touch t -> jdbc.sql(updateJobSql(""));
          case JobUpdate.Start s ->
              jdbc.sql(
                      updateJobSql(
                          "status = 'processing', started_at = COALESCE(started_at, :startedAt),"))
                  .param("startedAt", utc(s.startedAt()));
          case JobUpdate.Requeue r ->
              jdbc.sql(updateJobSql("status = 'pending', retry_count = :retryCount,"))
                  .param("retryCount", r.retryCount());
          case JobUpdate.Finish f ->
              jdbc.sql(
                      updateJobSql(
                          "status = :status, completed_at = :completedAt,"
                              + " error_message = :errorMessage, result = CAST(:result AS jsonb),"))
                  .param("status", f.status().wireName())
                  .param("completedAt", utc(f.completedAt()))
                  .param("errorMessage", f.errorMessage())
                  .param("result", json(f.result()));
        };
    int rows =
        set.param("id", c.jobId().value())
            .param("seq", c.sequence())
            .param("updatedAt", utc(c.updatedAt()))
            .update();
    if (rows == 0) {
      log.debug("job {} event {} changed no row (no such job, or already applied)", c.jobId(), c.sequence());
    }
  }

  private static String updateJobSql(String changes) {
    return "UPDATE automation_jobs SET " + changes
        + " updated_at = :updatedAt, last_event_seq = :seq"
        + " WHERE id = :id AND last_event_seq < :seq";
  }

  private void addLog(AddLog c) {
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
            .param("message", c.message())
            .param("metadata", json(c.metadata()))
            .param("createdAt", utc(c.createdAt()))
            .param("eventId", c.eventId())
            .update();
    if (rows == 0) {
      log.debug("log event {} of job {} added no row (no such job, or already added)", c.eventId(), c.jobId());
    }
  }

  private void addArtifact(AddArtifact c) {
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

  private void putWorker(PutWorker c) {
    requireCurrentJobIfRecent(c);
    // FOR KEY SHARE: a job that retention is deleting at this moment reads as absent (NULL)
    // instead of failing the foreign key once the delete commits.
    jdbc.sql(
            """
            INSERT INTO browser_workers
                (id, browser_type_id, status, current_job_id, last_heartbeat, started_at, metadata)
            VALUES (:id,
                (SELECT id FROM browser_types WHERE id = :browserTypeId),
                :status,
                (SELECT id FROM automation_jobs WHERE id = :jobId FOR KEY SHARE),
                :heartbeat, :startedAt, CAST(:metadata AS jsonb))
            ON CONFLICT (id) DO UPDATE SET
                browser_type_id = EXCLUDED.browser_type_id, status = EXCLUDED.status,
                current_job_id = EXCLUDED.current_job_id, last_heartbeat = EXCLUDED.last_heartbeat,
                started_at = EXCLUDED.started_at, metadata = EXCLUDED.metadata
            WHERE browser_workers.last_heartbeat IS NULL
               OR browser_workers.last_heartbeat <= EXCLUDED.last_heartbeat
            """)
        .param("id", c.workerId().value())
        .param("browserTypeId", c.browserTypeId())
        .param("status", c.status().wireName())
        .param("jobId", c.currentJobId() == null ? null : c.currentJobId().value())
        .param("heartbeat", utc(c.lastHeartbeat()))
        .param("startedAt", utc(c.startedAt()))
        .param("metadata", json(c.metadata()))
        .update();
  }

  /**
   * A worker that reported a job within the last {@code workerOfflineAfter} is running it, so the
   * job is on bf.job-events even if its row is not projected yet (on a rebuild the job events can
   * lag behind): the write waits for it, so that a rebuild links the worker as the original did.
   * An older heartbeat is linked only if the job's row exists: its worker is offline by now, and
   * its job may be past retention, so waiting could take forever.
   */
  private void requireCurrentJobIfRecent(PutWorker c) {
    if (c.currentJobId() == null
        || !c.lastHeartbeat().isAfter(clock.instant().minus(workerOfflineAfter))) {
      return;
    }
    boolean known =
        jdbc.sql("SELECT EXISTS (SELECT 1 FROM automation_jobs WHERE id = :id)")
            .param("id", c.currentJobId().value())
            .query(Boolean.class)
            .single();
    if (!known) {
      throw new MissingReferenceException(
          "worker " + c.workerId() + " is busy with job " + c.currentJobId()
              + ", not yet read from bf.job-events");
    }
  }

  private void stopWorker(StopWorker c) {
    // A stop is the worker's last sign of life, so it also moves last_heartbeat: a heartbeat sent
    // before the stop but read after it is then recognised as older and ignored.
    jdbc.sql(
            """
            INSERT INTO browser_workers
                (id, status, current_job_id, last_heartbeat, started_at, metadata)
            VALUES (:id, 'offline', NULL, :stoppedAt, :stoppedAt, CAST(:metadata AS jsonb))
            ON CONFLICT (id) DO UPDATE SET
                status = 'offline', current_job_id = NULL, last_heartbeat = EXCLUDED.last_heartbeat,
                metadata = EXCLUDED.metadata
            WHERE browser_workers.last_heartbeat IS NULL
               OR browser_workers.last_heartbeat <= EXCLUDED.last_heartbeat
            """)
        .param("id", c.workerId().value())
        .param("stoppedAt", utc(c.stoppedAt()))
        .param("metadata", json(c.metadata()))
        .update();
  }

  private void putBrowserType(BrowserType t) {
    jdbc.sql(
            """
            INSERT INTO browser_types (id, name, type, device_type, user_agent, viewport_width,
                viewport_height, is_active, created_at, updated_at)
            VALUES (:id, :name, :type, :deviceType, :userAgent, :width, :height, :active,
                COALESCE(:createdAt, timezone('UTC', now())),
                COALESCE(:updatedAt, timezone('UTC', now())))
            ON CONFLICT (id) DO UPDATE SET
                name = EXCLUDED.name, type = EXCLUDED.type, device_type = EXCLUDED.device_type,
                user_agent = EXCLUDED.user_agent, viewport_width = EXCLUDED.viewport_width,
                viewport_height = EXCLUDED.viewport_height, is_active = EXCLUDED.is_active,
                created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
            """)
        .param("id", t.id())
        .param("name", t.name())
        .param("type", t.type().wireName())
        .param("deviceType", t.deviceType().wireName())
        .param("userAgent", t.userAgent())
        .param("width", t.viewportWidth())
        .param("height", t.viewportHeight())
        .param("active", t.isActive())
        .param("createdAt", utc(t.createdAt()))
        .param("updatedAt", utc(t.updatedAt()))
        .update();
    // Types published with an explicit id (the seeds, or ids chosen elsewhere) must not collide
    // with ids the serial hands out later.
    jdbc.sql(
            "SELECT setval(pg_get_serial_sequence('browser_types', 'id'),"
                + " GREATEST(:id, (SELECT last_value FROM browser_types_id_seq)))")
        .param("id", t.id())
        .query()
        .listOfRows();
  }

  /**
   * A key's use moves its last use forward, never back. It is kept in api_key_last_uses, whose row
   * for the key both this and {@link #putApiKey} lock first: a use and the key's first row, applied
   * by the two topics' consumers at once (on a rebuild), then never miss each other.
   */
  private void touchApiKey(TouchApiKey c) {
    jdbc.sql(
            """
            INSERT INTO api_key_last_uses (api_key_id, last_used_at) VALUES (:id, :at)
            ON CONFLICT (api_key_id) DO UPDATE
                SET last_used_at = GREATEST(api_key_last_uses.last_used_at, EXCLUDED.last_used_at)
            """)
        .param("at", utc(c.at()))
        .param("id", c.keyId())
        .update();
    jdbc.sql(
            """
            UPDATE api_keys SET last_used_at = (SELECT last_used_at FROM api_key_last_uses WHERE api_key_id = :id)
            WHERE id = :id
            """)
        .param("id", c.keyId())
        .update();
  }

  private void putApiKey(ApiKey k) {
    // Locks the key's last-use row (see touchApiKey), making it if the key was never used.
    jdbc.sql(
            """
            INSERT INTO api_key_last_uses (api_key_id) VALUES (:id)
            ON CONFLICT (api_key_id) DO UPDATE SET last_used_at = api_key_last_uses.last_used_at
            """)
        .param("id", k.id())
        .update();
    // last_used_at is not on the topic: a new row takes the uses applied before it, an update
    // leaves it alone. metadata holds the scopes
    // of a key that has them ({"scopes": [...]}), and is NULL for a key with every scope.
    jdbc.sql(
            """
            INSERT INTO api_keys (id, "key", client_id, name, status, rate_limit, is_active,
                expires_at, metadata, last_used_at, created_at, updated_at)
            VALUES (:id, :keyHash, :clientId, :name, :status, :rateLimit, :active, :expiresAt,
                CAST(:metadata AS jsonb),
                (SELECT last_used_at FROM api_key_last_uses WHERE api_key_id = :id),
                COALESCE(:createdAt, timezone('UTC', now())),
                COALESCE(:updatedAt, timezone('UTC', now())))
            ON CONFLICT (id) DO UPDATE SET
                "key" = EXCLUDED."key", client_id = EXCLUDED.client_id, name = EXCLUDED.name,
                status = EXCLUDED.status, rate_limit = EXCLUDED.rate_limit,
                is_active = EXCLUDED.is_active, expires_at = EXCLUDED.expires_at,
                metadata = EXCLUDED.metadata,
                created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
            """)
        .param("metadata", k.scopes() == null ? null : json(Map.of("scopes", k.scopes())))
        .param("id", k.id())
        .param("keyHash", k.keyHash())
        .param("clientId", k.clientId())
        .param("name", k.name())
        .param("status", k.status() == null ? "active" : k.status().wireName())
        .param("rateLimit", k.rateLimit())
        .param("active", k.isActive())
        .param("expiresAt", utc(k.expiresAt()))
        .param("createdAt", utc(k.createdAt()))
        .param("updatedAt", utc(k.updatedAt()))
        .update();
  }

  private void putUrlPolicy(UrlPolicy p) {
    // A state older than the row's (a replay, or a late duplicate) changes nothing.
    jdbc.sql(
            """
            INSERT INTO url_policies (id, pattern, type, description, is_active, created_at, updated_at)
            VALUES (:id, :pattern, :type, :description, :active,
                COALESCE(:createdAt, timezone('UTC', now())),
                COALESCE(:updatedAt, timezone('UTC', now())))
            ON CONFLICT (id) DO UPDATE SET
                pattern = EXCLUDED.pattern, type = EXCLUDED.type, description = EXCLUDED.description,
                is_active = EXCLUDED.is_active, created_at = EXCLUDED.created_at,
                updated_at = EXCLUDED.updated_at
            WHERE url_policies.updated_at IS NULL OR url_policies.updated_at <= EXCLUDED.updated_at
            """)
        .param("id", p.id())
        .param("pattern", p.pattern())
        .param("type", p.type().wireName())
        .param("description", p.description())
        .param("active", p.isActive())
        .param("createdAt", utc(p.createdAt()))
        .param("updatedAt", utc(p.updatedAt()))
        .update();
  }

  private static String json(Object value) {
    return value == null ? null : JsonCodec.toJson(value);
  }
}
