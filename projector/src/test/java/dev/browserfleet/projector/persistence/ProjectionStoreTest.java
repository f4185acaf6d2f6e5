package dev.browserfleet.projector.persistence;

import dev.browserfleet.projector.Rows;

import static dev.browserfleet.projector.JobStory.SUBMITTED_AT;
import static dev.browserfleet.projector.JobStory.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserfleet.contracts.DeviceType;
import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.WorkerStatus;
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.JobResult;
import dev.browserfleet.contracts.event.WorkerHeartbeat;
import dev.browserfleet.contracts.event.WorkerStopped;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyStatus;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.projector.JobStory;
import dev.browserfleet.projector.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The store against a real PostgreSQL, migrated by the real migrations. */
class ProjectionStoreTest {

  private static final WorkerId WORKER = WorkerId.ofSlot("worker-a", "chromium", 0);
  /** The store's now: an hour after the stories' jobs were submitted. */
  private static final Instant NOW = SUBMITTED_AT.plus(Duration.ofHours(1));

  private static javax.sql.DataSource dataSource;
  private static ProjectionStore store;
  private static JdbcClient db;
  private static Rows rows;

  @BeforeAll
  static void migrateAFreshDatabase() {
    dataSource = TestDatabases.migrated("projection_store");
    store = TestDatabases.store(dataSource, Clock.fixed(NOW, ZoneOffset.UTC));
    db = JdbcClient.create(dataSource);
    rows = new Rows(db);
  }

  @Test
  void aJobsWholeStoryEndsInACompletedRowWithItsLogAndArtifact() {
    JobStory job = aJob().ownedBy("acme");
    var accepted = job.accepted();
    var started = job.started(1, WORKER);
    var logged = job.logged("screenshot took 42 ms");
    var stored = job.artifactStored();
    var succeeded = job.succeeded();

    store.applyJobEvents(List.of(accepted, started, logged, stored, succeeded));

    Map<String, Object> row = rows.job(job.jobId());
    assertThat(row)
        .containsEntry("status", "completed")
        .containsEntry("client_id", "acme")
        .containsEntry("browser_type_id", 1)
        .containsEntry("target_url", "http://127.0.0.1:8081/page")
        .containsEntry("wait_until", "load")
        .containsEntry("priority", 40)
        .containsEntry("retry_count", 0)
        .containsEntry("max_retries", 2)
        .containsEntry("timeout_ms", 20_000)
        .containsEntry("created_at", utc(SUBMITTED_AT))
        .containsEntry("started_at", utc(started.occurredAt()))
        .containsEntry("completed_at", utc(succeeded.occurredAt()))
        .containsEntry("updated_at", utc(succeeded.occurredAt()))
        .containsEntry("error_message", null)
        .containsEntry("last_event_seq", 5L);
    // The submitted wire format, type property and all, so that readers can decode it again.
    assertThat(JsonCodec.readTree(row.get("actions").toString().getBytes()))
        .isEqualTo(JsonCodec.readTree("[{\"action\":\"screenshot\"}]".getBytes()));
    assertThat(JsonCodec.decode(row.get("result").toString(), JobResult.class))
        .isEqualTo(job.result());

    assertThat(rows.list("SELECT * FROM job_artifacts WHERE job_id = :id", job.jobId()))
        .singleElement()
        .satisfies(a -> assertThat(a)
            .containsEntry("id", job.artifactId())
            .containsEntry("artifact_type", "screenshot")
            .containsEntry("file_path", job.jobId() + "/" + job.artifactId() + ".png")
            .containsEntry("mime_type", "image/png")
            .containsEntry("size_bytes", 1234L)
            .containsEntry("sha256", "ab".repeat(32))
            .containsEntry("file_data", null)
            .containsEntry("created_at", utc(stored.occurredAt())));

    // The worker's log line, then the line the projection adds for how the attempt ended.
    assertThat(rows.list("SELECT * FROM job_logs WHERE job_id = :id ORDER BY id", job.jobId()))
        .satisfiesExactly(
            l -> {
              assertThat(l)
                  .containsEntry("level", "info")
                  .containsEntry("message", "screenshot took 42 ms")
                  .containsEntry("event_id", logged.eventId())
                  .containsEntry("created_at", utc(logged.occurredAt()));
              assertThat(JsonCodec.readTree(l.get("metadata").toString().getBytes()))
                  .isEqualTo(JsonCodec.readTree(
                      "{\"action\":\"screenshot\",\"durationMs\":42,\"attempt\":1}".getBytes()));
            },
            l -> {
              assertThat(l)
                  .containsEntry("level", "info")
                  .containsEntry("message", "attempt 1 succeeded")
                  .containsEntry("event_id", succeeded.eventId())
                  .containsEntry("created_at", utc(succeeded.occurredAt()));
              assertThat(JsonCodec.readTree(l.get("metadata").toString().getBytes()))
                  .isEqualTo(JsonCodec.readTree("{\"attempt\":1}".getBytes()));
            });
  }

  @Test
  void replayingAJobsEventsChangesNoRow() {
    JobStory job = aJob();
    List<JobEvent> story =
        List.of(job.accepted(), job.started(1, WORKER), job.logged("one"), job.artifactStored(),
            job.logged("two"), job.failed("navigation timed out"));
    store.applyJobEvents(story);
    var before = snapshot(job.jobId());

    store.applyJobEvents(story);
    story.forEach(e -> store.applyJobEvents(List.of(e)));
    store.applyJobEvents(List.of(story.get(1), story.get(0)));

    assertThat(snapshot(job.jobId())).isEqualTo(before);
    // "one", "two" and the failed attempt's line.
    assertThat(before.get("job_logs"))
        .extracting(l -> l.get("message"))
        .containsExactly("one", "two", "attempt 1 failed, and so did the job: navigation timed out");
    assertThat(before.get("job_artifacts")).hasSize(1);
  }

  @Test
  void aRetriedJobKeepsItsFirstStartAndCountsItsRetries() {
    JobStory job = aJob();
    var accepted = job.accepted();
    var first = job.started(1, WORKER);
    var requeued = job.requeued(1, 1, "navigation timed out");
    var second = job.started(2, WORKER);
    store.applyJobEvents(List.of(accepted, first, requeued));

    assertThat(rows.job(job.jobId()))
        .containsEntry("status", "pending")
        .containsEntry("retry_count", 1)
        .containsEntry("started_at", utc(first.occurredAt()))
        .containsEntry("updated_at", utc(requeued.occurredAt()));
    assertThat(rows.list("SELECT * FROM job_logs WHERE job_id = :id", job.jobId()))
        .singleElement()
        .satisfies(l -> assertThat(l)
            .containsEntry("level", "warn")
            .containsEntry("message", "navigation timed out; retry 1 (attempt 2) in 1500 ms")
            .containsEntry("event_id", requeued.eventId()));

    store.applyJobEvents(List.of(second));

    assertThat(rows.job(job.jobId()))
        .containsEntry("status", "processing")
        .containsEntry("retry_count", 1)
        .containsEntry("started_at", utc(first.occurredAt()))
        .containsEntry("updated_at", utc(second.occurredAt()))
        .containsEntry("last_event_seq", 4L);
  }

  @Test
  void aCancelledJobKeepsTheReason() {
    JobStory job = aJob();
    var accepted = job.accepted();
    var cancelled = job.cancelled("cancelled by acme");

    store.applyJobEvents(List.of(accepted, cancelled));

    assertThat(rows.job(job.jobId()))
        .containsEntry("status", "cancelled")
        .containsEntry("error_message", "cancelled by acme")
        .containsEntry("completed_at", utc(cancelled.occurredAt()));
  }

  @Test
  void aRejectedJobForAnUnknownBrowserTypeIsAFailedRowWithoutIt() {
    JobStory job = aJob().forBrowserType(99).ownedBy("acme");
    var rejected = job.rejected(job.submission(), "browserTypeId", "no active browser type 99");

    store.applyJobEvents(List.of(rejected));

    assertThat(rows.job(job.jobId()))
        .containsEntry("status", "failed")
        .containsEntry("browser_type_id", null)
        .containsEntry("client_id", "acme")
        .containsEntry("error_message", "browserTypeId: no active browser type 99")
        .containsEntry("completed_at", utc(rejected.occurredAt()));
  }

  @Test
  void aRejectedSubmissionWithANulCharacterIsStillAFailedRow() {
    JobStory job = aJob().forBrowserType(99).ownedBy("acme");
    var submitted = job.submission();
    var withNul = new dev.browserfleet.contracts.command.SubmitJob(submitted.jobId(), "ac\0me", submitted.browserTypeId(),
        "\0", List.of(new dev.browserfleet.contracts.action.Extract("n\0", "h1", null, null, null, null, null, null, null)),
        submitted.waitUntil(), submitted.priority(), submitted.timeoutMs(), submitted.maxRetries(), submitted.submittedAt(), null);

    store.applyJobEvents(List.of(job.rejected(withNul, "targetUrl", "is not a URL: \0")));

    Map<String, Object> row = rows.job(job.jobId());
    assertThat(row)
        .containsEntry("status", "failed")
        .containsEntry("target_url", "\uFFFD")
        .containsEntry("client_id", "ac\uFFFDme")
        .containsEntry("error_message", "targetUrl: is not a URL: \uFFFD");
    assertThat(row.get("actions").toString()).contains("n\uFFFD");
  }

  @Test
  void aRejectedUnreadableSubmissionIsAFailedRowWithEmptyTargetAndActions() {
    JobStory job = aJob();
    store.applyJobEvents(List.of(job.rejected(null, "targetUrl", "is required")));

    Map<String, Object> row = rows.job(job.jobId());
    assertThat(row)
        .containsEntry("target_url", "")
        .containsEntry("error_message", "targetUrl: is required")
        .containsEntry("wait_until", "networkidle")
        .containsEntry("max_retries", 3);
    assertThat(row.get("actions").toString()).isEqualTo("[]");
  }

  @Test
  void anAcceptedJobWaitsUntilItsBrowserTypeIsProjected() {
    JobStory job = aJob().forBrowserType(42);
    var accepted = job.accepted();

    assertThatThrownBy(() -> store.applyJobEvents(List.of(accepted)))
        .isInstanceOf(MissingReferenceException.class)
        .hasMessageContaining("browser type 42");
    assertThat(rows.list("SELECT * FROM automation_jobs WHERE id = :id", job.jobId())).isEmpty();

    store.applyBrowserTypes(List.of(browserType(42, "Chromium 42")));
    store.applyJobEvents(List.of(accepted));

    assertThat(rows.job(job.jobId())).containsEntry("browser_type_id", 42);
  }

  @Test
  void logsAndArtifactsOfAJobWithoutARowAreDropped() {
    JobStory job = aJob();
    job.accepted();

    store.applyJobEvents(List.of(job.logged("orphan"), job.artifactStored(), job.succeeded()));

    assertThat(snapshot(job.jobId()).values()).allSatisfy(rows -> assertThat(rows).isEmpty());
  }

  @Test
  void aHeartbeatPutsTheWorkerAndLinksOnlyRowsThatExist() {
    JobStory job = aJob();
    store.applyJobEvents(List.of(job.accepted()));
    var worker = slot("worker-b");
    var at = Instant.parse("2026-03-01T11:00:00Z");

    store.applyWorkerEvents(List.of(heartbeat("worker-b", at, job.jobId(), 1)));
    assertThat(rows.worker(worker))
        .containsEntry("status", "busy")
        .containsEntry("current_job_id", job.jobId().value())
        .containsEntry("browser_type_id", 1)
        .containsEntry("last_heartbeat", utc(at))
        .containsEntry("started_at", utc(at.minusSeconds(60)));
    assertThat(JsonCodec.readTree(rows.worker(worker).get("metadata").toString().getBytes()))
        .isEqualTo(JsonCodec.readTree("{\"instance\":\"worker-b\",\"engine\":\"chromium\"}".getBytes()));

    store.applyWorkerEvents(List.of(heartbeat("worker-b", at.plusSeconds(5), JobId.random(), 77)));
    assertThat(rows.worker(worker))
        .containsEntry("current_job_id", null)
        .containsEntry("browser_type_id", null)
        .containsEntry("last_heartbeat", utc(at.plusSeconds(5)));
  }

  @Test
  void aHeartbeatOfAJobNotProjectedYetKeepsItPendingUntilTheJobsRowIsPut() {
    JobStory job = aJob();
    var worker = slot("worker-d");

    // A worker reports its job as soon as it starts it, and the job and worker topics are read
    // independently: the heartbeat is often read first. That is no failure, and nothing waits.
    store.applyWorkerEvents(List.of(heartbeat("worker-d", NOW.minusSeconds(5), job.jobId(), 1)));
    assertThat(rows.worker(worker))
        .containsEntry("status", "busy")
        .containsEntry("current_job_id", null)
        .containsEntry("pending_job_id", job.jobId().value());

    store.applyJobEvents(List.of(job.accepted()));

    assertThat(rows.worker(worker))
        .containsEntry("status", "busy")
        .containsEntry("current_job_id", job.jobId().value())
        .containsEntry("pending_job_id", null);
  }

  @Test
  void aLaterHeartbeatOrAStopEndsTheWaitForAJobsRow() {
    JobStory job = aJob();
    var at = NOW.minusSeconds(30);
    store.applyWorkerEvents(List.of(heartbeat("worker-e", at, job.jobId(), 1)));
    store.applyWorkerEvents(List.of(heartbeat("worker-e", at.plusSeconds(5), null, 1)));
    store.applyWorkerEvents(List.of(heartbeat("worker-f", at, job.jobId(), 1)));
    store.applyWorkerEvents(
        List.of(new WorkerStopped(UUID.randomUUID(), slot("worker-f"), at.plusSeconds(5), "worker-f",
            Engine.CHROMIUM)));

    store.applyJobEvents(List.of(job.accepted()));

    assertThat(rows.worker(slot("worker-e")))
        .containsEntry("status", "idle")
        .containsEntry("current_job_id", null)
        .containsEntry("pending_job_id", null);
    assertThat(rows.worker(slot("worker-f")))
        .containsEntry("status", "offline")
        .containsEntry("current_job_id", null)
        .containsEntry("pending_job_id", null);
  }

  @Test
  void aJobPastRetentionGetsNoRowAndItsLaterEventsNeitherFailNorWrite() {
    JobStory old = aJob().submittedAt(NOW.minus(TestDatabases.RETENTION).minusSeconds(1));
    JobStory young = aJob().submittedAt(NOW.minus(TestDatabases.RETENTION).plusSeconds(1));
    var oldStory =
        List.<JobEvent>of(old.accepted(), old.started(1, WORKER), old.logged("line"),
            old.artifactStored(), old.succeeded());
    var youngAccepted = young.accepted();

    // In one batch with a job that is kept, then event by event as a replay could deliver them.
    store.applyJobEvents(List.of(oldStory.get(0), youngAccepted, oldStory.get(1)));
    oldStory.forEach(e -> store.applyJobEvents(List.of(e)));
    store.applyJobEvents(List.of(aJob().submittedAt(NOW.minus(Duration.ofDays(30)))
        .rejected(null, "targetUrl", "is required")));

    assertThat(snapshot(old.jobId()).values()).allSatisfy(rows -> assertThat(rows).isEmpty());
    assertThat(rows.job(young.jobId()))
        .containsEntry("status", "pending")
        .containsEntry("created_at", utc(young.submittedAt()));
    assertThat(db.sql("SELECT count(*) FROM automation_jobs WHERE created_at < :horizon")
            .param("horizon", utc(NOW.minus(TestDatabases.RETENTION)))
            .query(Long.class).single())
        .isZero();
  }

  @Test
  void aHeartbeatOlderThanTheRowsIsIgnoredAndAStopTakesTheWorkerOffline() {
    JobStory job = aJob();
    store.applyJobEvents(List.of(job.accepted()));
    var worker = slot("worker-c");
    var at = Instant.parse("2026-03-01T11:00:00Z");
    store.applyWorkerEvents(List.of(heartbeat("worker-c", at, job.jobId(), 1)));

    store.applyWorkerEvents(List.of(heartbeat("worker-c", at.minusSeconds(10), null, 1)));
    assertThat(rows.worker(worker)).containsEntry("current_job_id", job.jobId().value());

    store.applyWorkerEvents(
        List.of(new WorkerStopped(UUID.randomUUID(), worker, at.plusSeconds(3), "worker-c", Engine.CHROMIUM)));
    assertThat(rows.worker(worker))
        .containsEntry("status", "offline")
        .containsEntry("current_job_id", null)
        .containsEntry("last_heartbeat", utc(at.plusSeconds(3)));

    // Sent before the stop, read after it.
    store.applyWorkerEvents(List.of(heartbeat("worker-c", at.plusSeconds(1), job.jobId(), 1)));
    assertThat(rows.worker(worker)).containsEntry("status", "offline");
  }

  @Test
  void aBrowserTypeIsPutAsPublishedAndKeepsTheSerialAheadOfIt() {
    var type = browserType(50, "WebKit Tablet");
    store.applyBrowserTypes(List.of(type));
    var changed =
        new BrowserType(50, "WebKit Tablet", Engine.WEBKIT, DeviceType.MOBILE, "iPad UA", 820, 1180,
            false, type.createdAt(), type.updatedAt().plusSeconds(60));
    store.applyBrowserTypes(List.of(changed));

    assertThat(Rows.local(db.sql("SELECT * FROM browser_types WHERE id = 50").query().singleRow()))
        .containsEntry("name", "WebKit Tablet")
        .containsEntry("type", "webkit")
        .containsEntry("device_type", "mobile")
        .containsEntry("user_agent", "iPad UA")
        .containsEntry("viewport_width", 820)
        .containsEntry("viewport_height", 1180)
        .containsEntry("is_active", false)
        .containsEntry("created_at", utc(type.createdAt()))
        .containsEntry("updated_at", utc(changed.updatedAt()));
    assertThat(db.sql("SELECT nextval(pg_get_serial_sequence('browser_types', 'id'))")
            .query(Long.class).single())
        .isGreaterThan(50);
  }

  @Test
  void anApiKeyIsPutByIdWithItsHashAsKeyAndKeepsWhatTheTopicDoesNotCarry() {
    var id = UUID.randomUUID();
    var created = Instant.parse("2026-02-01T00:00:00Z");
    var key = new ApiKey(id, "ef".repeat(32), "acme", "CI", ApiKeyStatus.ACTIVE, 120, true,
        created.plusSeconds(86_400), created, created);
    store.applyApiKeys(List.of(key));
    db.sql("UPDATE api_keys SET last_used_at = :at WHERE id = :id")
        .param("at", utc(created.plusSeconds(5))).param("id", id).update();

    var revoked = new ApiKey(id, key.keyHash(), "acme", "CI", ApiKeyStatus.REVOKED, 120, false,
        key.expiresAt(), created, created.plusSeconds(30));
    store.applyApiKeys(List.of(revoked));

    assertThat(Rows.local(db.sql("SELECT * FROM api_keys WHERE id = :id").param("id", id).query().singleRow()))
        .containsEntry("key", "ef".repeat(32))
        .containsEntry("client_id", "acme")
        .containsEntry("name", "CI")
        .containsEntry("status", "revoked")
        .containsEntry("rate_limit", 120)
        .containsEntry("is_active", false)
        .containsEntry("expires_at", utc(key.expiresAt()))
        .containsEntry("last_used_at", utc(created.plusSeconds(5)))
        .containsEntry("updated_at", utc(created.plusSeconds(30)));
  }

  @Test
  void dataTheSchemaRefusesIsADataIntegrityViolationAndWritesNothing() {
    var tooLong = new ApiKey(UUID.randomUUID(), "01".repeat(32), "acme", "n".repeat(256),
        ApiKeyStatus.ACTIVE, 100, true, null, SUBMITTED_AT, SUBMITTED_AT);
    var fine = new ApiKey(UUID.randomUUID(), "02".repeat(32), "acme", "fine", ApiKeyStatus.ACTIVE,
        100, true, null, SUBMITTED_AT, SUBMITTED_AT);

    assertThatThrownBy(() -> store.applyApiKeys(List.of(fine, tooLong)))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(() -> store.applyBrowserTypes(List.of(browserType(60, "Chromium"))))
        .isInstanceOf(DataIntegrityViolationException.class);

    assertThat(db.sql("SELECT count(*) FROM api_keys WHERE id = :id").param("id", fine.id())
            .query(Long.class).single())
        .isZero();
  }

  @Test
  void aKeyWrittenWhileAUseOfItIsStillBeingAppliedTakesThatUse() throws Exception {
    // On a rebuild the usage topic's consumer and the key topic's run at once. Here the usage
    // consumer's transaction has written the key's use but not committed yet when the key comes.
    var keyId = UUID.randomUUID();
    var usedAt = LocalDateTime.parse("2026-03-03T10:00:00");
    var key = new ApiKey(keyId, "ab".repeat(32), "acme", "raced", ApiKeyStatus.ACTIVE, 60, true, null,
        SUBMITTED_AT, SUBMITTED_AT);
    java.util.concurrent.CompletableFuture<Void> keyWritten;
    try (java.sql.Connection usage = dataSource.getConnection()) {
      usage.setAutoCommit(false);
      try (var insert = usage.prepareStatement(
          "INSERT INTO api_key_last_uses (api_key_id, last_used_at) VALUES (?, ?)")) {
        insert.setObject(1, keyId);
        insert.setObject(2, usedAt);
        insert.executeUpdate();
      }
      keyWritten = java.util.concurrent.CompletableFuture.runAsync(() -> store.applyApiKeys(List.of(key)));
      // Either the key write waits for the use's lock, or it does not wait and finishes without
      // the use it cannot see (which the assertion below catches).
      await().atMost(Duration.ofSeconds(30))
          .until(() -> keyWritten.isDone() || aBackendWaitsForALock());
      usage.commit();
    }
    keyWritten.get(30, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(db.sql("SELECT last_used_at FROM api_keys WHERE id = :id").param("id", keyId)
        .query(LocalDateTime.class).optional()).as("the key's last_used_at").contains(usedAt);
  }

  private static boolean aBackendWaitsForALock() {
    return db.sql(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock')")
        .query(Boolean.class)
        .single();
  }

  /** A heartbeat of slot 0 of {@code instance}, whose id is stable across restarts. */
  private static WorkerHeartbeat heartbeat(String instance, Instant at, JobId job, Integer type) {
    return new WorkerHeartbeat(
        UUID.randomUUID(), slot(instance), at, instance, Engine.CHROMIUM,
        job == null ? WorkerStatus.IDLE : WorkerStatus.BUSY, job, type, at.minusSeconds(60));
  }

  private static WorkerId slot(String instance) {
    return WorkerId.ofSlot(instance, "chromium", 0);
  }

  private static BrowserType browserType(int id, String name) {
    return new BrowserType(id, name, Engine.CHROMIUM, DeviceType.DESKTOP, null, 1280, 720, true,
        SUBMITTED_AT, SUBMITTED_AT);
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Map<String, List<Map<String, Object>>> snapshot(JobId id) {
    var snapshot = new LinkedHashMap<String, List<Map<String, Object>>>();
    snapshot.put("automation_jobs", rows.list("SELECT * FROM automation_jobs WHERE id = :id", id));
    snapshot.put("job_logs", rows.list("SELECT * FROM job_logs WHERE job_id = :id ORDER BY id", id));
    snapshot.put("job_artifacts", rows.list("SELECT * FROM job_artifacts WHERE job_id = :id ORDER BY id", id));
    return snapshot;
  }
}
