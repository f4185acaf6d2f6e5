package dev.browserfleet.projector.messaging;

import dev.browserfleet.projector.Rows;

import static org.awaitility.Awaitility.await;
import static dev.browserfleet.projector.JobStory.aJob;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.DeadLetterHeaders;
import dev.browserfleet.contracts.DeviceType;
import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.WorkerStatus;
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.JobResult;
import dev.browserfleet.contracts.event.WorkerEvent;
import dev.browserfleet.contracts.event.WorkerHeartbeat;
import dev.browserfleet.contracts.event.WorkerStopped;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyStatus;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.projector.ConsumerGroups;
import dev.browserfleet.projector.JobStory;
import dev.browserfleet.projector.ProjectorApplication;
import dev.browserfleet.projector.health.ProjectorHealthIndicator;
import dev.browserfleet.testing.SharedInfrastructure;
import dev.browserfleet.testing.TestKafka;
import dev.browserfleet.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import dev.browserfleet.contracts.reference.ApiKeyUsage;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.contracts.reference.UrlPolicyType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The projector application against the shared real broker and a new real database: events
 * produced as JSON, as any producer would, end up in the tables.
 */
class ProjectorIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final WorkerId WORKER = WorkerId.ofSlot("worker-it", "chromium", 0);

  private static ConfigurableApplicationContext app;
  private static JdbcClient db;
  private static Rows rows;

  @BeforeAll
  static void startTheProjector() {
    String url = SharedInfrastructure.newDatabase("projector_app");
    app =
        new SpringApplicationBuilder(ProjectorApplication.class)
            .web(WebApplicationType.NONE)
            // Command-line arguments outrank the module's @PropertySource defaults.
            .run(
                "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafkaBootstrapServers(),
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--browserfleet.projector.poll-timeout=200ms",
                "--browserfleet.projector.retry.initial-interval=100ms",
                "--browserfleet.projector.retry.max-interval=500ms",
                "--browserfleet.projector.worker-sweep-interval=100ms",
                "--browserfleet.projector.retention-interval=100ms");
    var dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    dataSource.setUser("postgres");
    db = JdbcClient.create(dataSource);
    rows = new Rows(db);
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(health().getStatus()).isEqualTo(Status.UP));
  }

  @AfterAll
  static void stopTheProjectorAndLeaveNoThreadBehind() {
    if (app != null) {
      app.close();
    }
    await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .noneMatch(name -> name.startsWith("projector-") || name.contains("bf-projector")));
  }

  @Test
  void aJobsEventsAndItsWorkersHeartbeatBecomeTheDocumentedRows() {
    JobStory job = aRecentJob().ownedBy("acme");
    var accepted = job.accepted();
    var started = job.started(1, WORKER);
    var logged = job.logged("screenshot took 42 ms");
    var stored = job.artifactStored();
    var succeeded = job.succeeded();
    List.of(accepted, started, logged, stored, succeeded).forEach(e -> sendJobEvent(e));
    var beat = job.submittedAt().plusSeconds(3);
    sendWorkerEvent(
        new WorkerHeartbeat(UUID.randomUUID(), WORKER, beat, "worker-it", Engine.CHROMIUM,
            WorkerStatus.BUSY, job.jobId(), 1, beat.minusSeconds(30)));

    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(rows.job(job.jobId())).containsEntry("status", "completed"));
    Map<String, Object> row = rows.job(job.jobId());
    assertThat(row)
        .containsEntry("started_at", utc(started.occurredAt()))
        .containsEntry("completed_at", utc(succeeded.occurredAt()))
        .containsEntry("client_id", "acme")
        .containsEntry("last_event_seq", 5L);
    assertThat(JsonCodec.decode(row.get("result").toString(), JobResult.class))
        .isEqualTo(job.result());
    assertThat(rows.list("SELECT * FROM job_artifacts WHERE job_id = :id", job.jobId()))
        .singleElement()
        .satisfies(a -> assertThat(a)
            .containsEntry("id", job.artifactId())
            .containsEntry("artifact_type", "screenshot")
            .containsEntry("mime_type", "image/png")
            .containsEntry("size_bytes", 1234L));
    assertThat(rows.list("SELECT * FROM job_logs WHERE job_id = :id ORDER BY id", job.jobId()))
        .extracting(l -> l.get("message"))
        .containsExactly("screenshot took 42 ms", "attempt 1 succeeded");
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(rows.worker(WORKER))
        .containsEntry("status", "busy")
        .containsEntry("current_job_id", job.jobId().value())
        .containsEntry("last_heartbeat", utc(beat)));

    sendWorkerEvent(new WorkerStopped(UUID.randomUUID(), WORKER, beat.plusSeconds(5), "worker-it",
        Engine.CHROMIUM));
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(rows.worker(WORKER))
        .containsEntry("status", "offline")
        .containsEntry("current_job_id", null));
  }

  @Test
  void aReplayedOldEventChangesNothing() {
    JobStory job = aRecentJob();
    var accepted = job.accepted();
    var started = job.started(1, WORKER);
    var failed = job.failed("navigation timed out");
    List.of(accepted, started, failed).forEach(e -> sendJobEvent(e));
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(rows.job(job.jobId())).containsEntry("status", "failed"));
    var before = rows.job(job.jobId());

    sendJobEvent(started);
    sendJobEvent(accepted);
    awaitProjectorCaughtUpWith(Topics.JOB_EVENTS.name());

    assertThat(rows.job(job.jobId())).isEqualTo(before);
  }

  @Test
  void garbageGoesToTheDeadLettersWithItsReasonAndTheNextEventIsStillApplied() {
    JobStory job = aRecentJob();
    String key = job.jobId().toString();
    byte[] garbage = "{this is not an event".getBytes(UTF_8);

    TestKafka.sendRaw(Topics.JOB_EVENTS.name(), key, garbage);
    sendJobEvent(job.accepted());

    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(rows.job(job.jobId())).containsEntry("status", "pending"));
    try (var probe = TopicProbe.of(Topics.DEAD_LETTERS, SharedInfrastructure.kafkaBootstrapServers())) {
      await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
        probe.poll();
        assertThat(probe.records())
            .filteredOn(r -> key.equals(r.key()))
            .singleElement()
            .satisfies(r -> {
              assertThat(r.value()).isEqualTo(garbage);
              assertThat(header(r.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("bf.job-events");
              assertThat(header(r.headers(), DeadLetterHeaders.REJECTED_BY)).isEqualTo("projector");
              assertThat(header(r.headers(), DeadLetterHeaders.REASON)).startsWith("not a valid JobEvent");
            });
      });
    }
  }

  @Test
  void aJobWaitsForItsBrowserTypeAndReferenceDataIsProjected() {
    JobStory job = aRecentJob().forBrowserType(7);
    sendJobEvent(job.accepted());
    // Its browser type is not projected yet, so the job events consumer retries with backoff.
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(health().getDetails().get("bf.job-events").toString())
        .contains("retrying: job " + job.jobId() + " refers to browser type 7"));
    assertThat(health().getStatus()).isEqualTo(Status.UP);
    assertThat(rows.list("SELECT * FROM automation_jobs WHERE id = :id", job.jobId())).isEmpty();

    var at = Instant.parse("2026-03-01T09:00:00Z");
    TestKafka.send(Topics.BROWSER_TYPES, "7",
        new BrowserType(7, "Chromium Tablet", Engine.CHROMIUM, DeviceType.MOBILE, "UA", 800, 1280,
            true, at, at));
    var keyId = UUID.randomUUID();
    TestKafka.send(Topics.API_KEYS, keyId.toString(),
        new ApiKey(keyId, "0f".repeat(32), "acme", "CI", ApiKeyStatus.ACTIVE, 60, true, null, at, at));

    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(rows.job(job.jobId())).containsEntry("browser_type_id", 7));
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(health().getDetails().get("bf.job-events").toString())
        .doesNotContain("retrying"));
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
            db.sql("SELECT \"key\", client_id, rate_limit FROM api_keys WHERE id = :id")
                .param("id", keyId).query().listOfRows())
        .containsExactly(Map.of("key", "0f".repeat(32), "client_id", "acme", "rate_limit", 60)));
  }

  @Test
  void aRecordTheDatabaseRefusesGoesToTheDeadLettersAndTheOthersAreStillApplied() {
    var at = Instant.parse("2026-03-01T09:00:00Z");
    var refusedId = UUID.randomUUID();
    var fineId = UUID.randomUUID();
    // api_keys.name is VARCHAR(255): the record parses, but no retry could ever store it.
    TestKafka.send(Topics.API_KEYS, refusedId.toString(),
        new ApiKey(refusedId, "1f".repeat(32), "acme", "n".repeat(300), ApiKeyStatus.ACTIVE, 60,
            true, null, at, at));
    TestKafka.send(Topics.API_KEYS, fineId.toString(),
        new ApiKey(fineId, "2f".repeat(32), "acme", "fine", ApiKeyStatus.ACTIVE, 60, true, null, at,
            at));

    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
            db.sql("SELECT id FROM api_keys WHERE id IN (:ids)")
                .param("ids", List.of(refusedId, fineId)).query(UUID.class).list())
        .containsExactly(fineId));
    try (var probe = TopicProbe.of(Topics.DEAD_LETTERS, SharedInfrastructure.kafkaBootstrapServers())) {
      await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
        probe.poll();
        assertThat(probe.records())
            .filteredOn(r -> refusedId.toString().equals(r.key()))
            .singleElement()
            .satisfies(r -> {
              assertThat(header(r.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("bf.api-keys");
              assertThat(header(r.headers(), DeadLetterHeaders.REASON))
                  .startsWith("the database refused it")
                  .contains("character varying(255)");
            });
      });
    }
  }

  @Test
  void theHousekeepingTakesSilentWorkersOfflineAndDeletesJobsPastRetention() {
    var silent = WorkerId.ofSlot("worker-silent", "chromium", 0);
    var beat = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(2));
    sendWorkerEvent(new WorkerHeartbeat(UUID.randomUUID(), silent, beat, "worker-silent",
        Engine.CHROMIUM, WorkerStatus.IDLE, null, 1, beat));
    // Written by hand: no event can put a job older than the projector keeps.
    var old = JobId.random();
    db.sql("INSERT INTO automation_jobs (id, target_url, actions, created_at)"
            + " VALUES (:id, 'http://old.example/', CAST('[]' AS jsonb), :createdAt)")
        .param("id", old.value())
        .param("createdAt", utc(Instant.now().minus(Duration.ofDays(8))))
        .update();

    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(rows.worker(silent))
        .containsEntry("status", "offline")
        .containsEntry("last_heartbeat", utc(beat)));
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(rows.job(old)).isEmpty());
  }

  @Test
  void urlPoliciesAreProjectedChangedAndDeletedByTombstone() {
    var at = Instant.parse("2026-03-01T09:00:00Z");
    var id = UUID.randomUUID();
    TestKafka.send(Topics.URL_POLICIES, id.toString(),
        new UrlPolicy(id, "*.internal.example", UrlPolicyType.BLACKLIST, "inside", true, at, at));
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
            db.sql("SELECT pattern, type, description, is_active FROM url_policies WHERE id = :id")
                .param("id", id).query().listOfRows())
        .containsExactly(Map.of("pattern", "*.internal.example", "type", "blacklist", "description", "inside",
            "is_active", true)));

    TestKafka.send(Topics.URL_POLICIES, id.toString(),
        new UrlPolicy(id, "*.internal.example", UrlPolicyType.BLACKLIST, "inside", false, at, at.plusSeconds(1)));
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
            db.sql("SELECT is_active FROM url_policies WHERE id = :id").param("id", id).query(Boolean.class).single())
        .isFalse());

    TestKafka.send(Topics.URL_POLICIES, id.toString(), null);
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
            db.sql("SELECT count(*) FROM url_policies WHERE id = :id").param("id", id).query(Long.class).single())
        .isZero());
  }

  @Test
  void aScopedKeyKeepsItsScopesInTheMetadata() {
    var at = Instant.parse("2026-03-01T09:00:00Z");
    var keyId = UUID.randomUUID();
    TestKafka.send(Topics.API_KEYS, keyId.toString(),
        new ApiKey(keyId, "3f".repeat(32), "acme", "dash", ApiKeyStatus.ACTIVE, 60, true, null, at, at,
            List.of("jobs:read")));

    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
            db.sql("SELECT metadata::text FROM api_keys WHERE id = :id").param("id", keyId).query(String.class).list())
        .containsExactly("{\"scopes\": [\"jobs:read\"]}"));
  }

  @Test
  void aKeysLastUseMovesLastUsedAtForwardOnly() {
    var at = Instant.parse("2026-03-01T09:00:00Z");
    var keyId = UUID.randomUUID();
    TestKafka.send(Topics.API_KEYS, keyId.toString(),
        new ApiKey(keyId, "4f".repeat(32), "acme", "used", ApiKeyStatus.ACTIVE, 60, true, null, at, at));
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
            db.sql("SELECT count(*) FROM api_keys WHERE id = :id").param("id", keyId).query(Long.class).single())
        .isEqualTo(1));

    TestKafka.send(Topics.API_KEY_USAGE, keyId.toString(), new ApiKeyUsage(keyId, at.plusSeconds(60)));
    TestKafka.send(Topics.API_KEY_USAGE, keyId.toString(), new ApiKeyUsage(keyId, at.plusSeconds(30)));
    TestKafka.send(Topics.API_KEY_USAGE, keyId.toString(), new ApiKeyUsage(keyId, at.plusSeconds(45)));

    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
            db.sql("SELECT last_used_at FROM api_keys WHERE id = :id").param("id", keyId)
                .query(java.time.LocalDateTime.class).single())
        .isEqualTo(java.time.LocalDateTime.parse("2026-03-01T09:01:00")));
  }

  @Test
  void aUseProjectedBeforeItsKeyIsNotLost() {
    // On a rebuild the usage topic's consumer can run ahead of the key topic's.
    var at = Instant.parse("2026-03-02T09:00:00Z");
    var keyId = UUID.randomUUID();
    TestKafka.send(Topics.API_KEY_USAGE, keyId.toString(), new ApiKeyUsage(keyId, at.plusSeconds(90)));
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
            db.sql("SELECT count(*) FROM api_key_last_uses WHERE api_key_id = :id").param("id", keyId)
                .query(Long.class).single())
        .isEqualTo(1));

    TestKafka.send(Topics.API_KEYS, keyId.toString(),
        new ApiKey(keyId, "5f".repeat(32), "acme", "used early", ApiKeyStatus.ACTIVE, 60, true, null, at, at));

    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
            db.sql("SELECT last_used_at FROM api_keys WHERE id = :id").param("id", keyId)
                .query(java.time.LocalDateTime.class).list())
        .containsExactly(java.time.LocalDateTime.parse("2026-03-02T09:01:30")));
  }

  @Test
  void theProjectorIsHealthyWithEveryConsumerInItsGroup() {
    var health = health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsKeys("schema", "bf.job-events", "bf.worker-events", "bf.browser-types", "bf.api-keys")
        .containsEntry("schema", "version 8")
        .containsEntry("bf.job-events", "3 partition(s)");
  }

  /** A job submitted a few seconds ago, well inside retention and the worker offline limit. */
  private static JobStory aRecentJob() {
    return aJob().submittedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(10));
  }

  private static org.springframework.boot.health.contributor.Health health() {
    return app.getBean(ProjectorHealthIndicator.class).health();
  }

  private static void sendJobEvent(JobEvent event) {
    TestKafka.send(Topics.JOB_EVENTS, event.jobId().toString(), event);
  }

  private static void sendWorkerEvent(WorkerEvent event) {
    TestKafka.send(Topics.WORKER_EVENTS, event.workerId().toString(), event);
  }

  /** Waits until group bf-projector has committed every record now on {@code topic}. */
  private static void awaitProjectorCaughtUpWith(String topic) {
    ConsumerGroups.awaitCaughtUp("bf-projector", WAIT, List.of(topic));
  }

  private static String header(org.apache.kafka.common.header.Headers headers, String name) {
    var header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), UTF_8);
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
