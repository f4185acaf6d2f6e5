package dev.browserfleet.projector.persistence;

import static dev.browserfleet.projector.persistence.Jdbc.utc;

import dev.browserfleet.artifacts.ArtifactStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The two changes to the tables that no event makes: a worker that fell silent goes offline, and
 * a job past retention is deleted with its logs and artifacts. Both take the moment that decides
 * as a parameter, so that callers (and tests) choose the time; both are idempotent, and safe to
 * run from several projector instances at once.
 */
@Component
public class Housekeeping {

  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ArtifactStore artifacts;

  /**
   * @param artifacts the artifact store whose keys {@code job_artifacts.file_path} holds (a
   *     directory or S3): the objects of deleted jobs are deleted from it
   */
  public Housekeeping(DataSource dataSource, ArtifactStore artifacts) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = Jdbc.transactionsOf(dataSource);
    this.artifacts = artifacts;
  }

  /**
   * Marks offline, with no current job, every worker whose last heartbeat is before {@code
   * silentSince}: SCHEMA.md's "Worker Health Check" query, as an update. last_heartbeat is left as
   * it was, so a later heartbeat of the worker is still newer and brings it back.
   *
   * <p>"Not offline" is spelt as the two other documented statuses: {@code status != 'offline'}
   * cannot use idx_workers_status and scans every worker row ever seen, while {@code IN} reads
   * only the live ones from the index.
   *
   * @return how many workers went offline
   */
  public int takeSilentWorkersOffline(Instant silentSince) {
    return jdbc.sql(
            """
            UPDATE browser_workers SET status = 'offline', current_job_id = NULL, pending_job_id = NULL
            WHERE last_heartbeat < :silentSince AND status IN ('idle', 'busy')
            """)
        .param("silentSince", utc(silentSince))
        .update();
  }

  /**
   * Deletes, in one transaction, up to {@code limit} of the oldest jobs created before {@code
   * createdBefore}; their logs and artifact rows go with them (ON DELETE CASCADE), their webhook
   * rows too, and once that is committed their artifact objects too. Call it again while it returns
   * {@code limit}.
   *
   * <p>The jobs are locked first, so no worker row can newly point at them until they are gone
   * (a heartbeat's link takes a key-share lock on the job); then workers still pointing at them
   * are released, since that foreign key has no ON DELETE. Jobs locked by a projection batch at
   * this moment are skipped and deleted by a later run.
   *
   * @return how many jobs were deleted
   */
  public int deleteJobsCreatedBefore(Instant createdBefore, int limit) {
    var files = new ArrayList<String>();
    Integer deleted =
        transactions.execute(
            tx -> {
              // An index range scan of idx_jobs_created_at, however many jobs there are.
              List<UUID> doomed =
                  jdbc.sql(
                          """
                          SELECT id FROM automation_jobs WHERE created_at < :createdBefore
                          ORDER BY created_at LIMIT :limit
                          FOR UPDATE SKIP LOCKED
                          """)
                      .param("createdBefore", utc(createdBefore))
                      .param("limit", limit)
                      .query(UUID.class)
                      .list();
              if (doomed.isEmpty()) {
                return 0;
              }
              files.addAll(
                  jdbc.sql("SELECT file_path FROM job_artifacts WHERE job_id IN (:ids) AND file_path IS NOT NULL")
                      .param("ids", doomed)
                      .query(String.class)
                      .list());
              jdbc.sql("UPDATE browser_workers SET current_job_id = NULL WHERE current_job_id IN (:ids)")
                  .param("ids", doomed)
                  .update();
              // No foreign key (a rebuild may project an attempt before its job), so not by cascade.
              jdbc.sql("DELETE FROM webhook_deliveries WHERE job_id IN (:ids)").param("ids", doomed).update();
              jdbc.sql("DELETE FROM webhook_subscriptions WHERE job_id IN (:ids)").param("ids", doomed).update();
              return jdbc.sql("DELETE FROM automation_jobs WHERE id IN (:ids)")
                  .param("ids", doomed)
                  .update();
            });
    files.forEach(this::deleteArtifact);
    return deleted == null ? 0 : deleted;
  }

  /**
   * Deletes one artifact object of a deleted job. A failure is logged and left: the row is gone,
   * so the object can no longer be downloaded, and a store's own lifecycle rule can sweep it.
   */
  private void deleteArtifact(String key) {
    try {
      artifacts.delete(key);
    } catch (RuntimeException e) {
      log.warn("could not delete the artifact {} of a deleted job from the {}: {}", key, artifacts.describe(),
          e.toString());
    }
  }
}
