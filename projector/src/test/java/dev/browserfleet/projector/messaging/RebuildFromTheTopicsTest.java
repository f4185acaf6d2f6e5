package dev.browserfleet.projector.messaging;

import static dev.browserfleet.projector.JobStory.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.artifacts.DirectoryArtifactStore;
import dev.browserfleet.contracts.DeviceType;
import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.Topic;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.WorkerStatus;
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.WorkerEvent;
import dev.browserfleet.contracts.event.WorkerHeartbeat;
import dev.browserfleet.contracts.event.WorkerStopped;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyStatus;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.projector.ConsumerGroups;
import dev.browserfleet.projector.JobStory;
import dev.browserfleet.projector.Rows;
import dev.browserfleet.projector.TestDatabases;
import dev.browserfleet.projector.config.ProjectorProperties;
import dev.browserfleet.projector.persistence.Housekeeping;
import dev.browserfleet.projector.persistence.ProjectionStore;
import dev.browserfleet.testing.SharedInfrastructure;
import dev.browserfleet.testing.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * DESIGN.md's first principle, shown with the real consumers, the shared real broker and real
 * PostgreSQL databases: the tables can be dropped and rebuilt by replaying the topics, and the
 * rebuild equals the original row for row.
 *
 * <p>Each projection consumes the topics from offset 0 as a consumer group of its own, so it also
 * projects what the module's other tests produced there; both sides see the same records, so that
 * changes nothing to the comparison.
 */
class RebuildFromTheTopicsTest {

  @TempDir static Path artifactDir;

  private static final Duration WAIT = Duration.ofSeconds(90);
  // Every topic the projector reads, not only those of these stories: other test classes of this JVM
  // share the broker, and their records (a key's use, say) are replayed too.
  private static final List<String> TOPICS = ProjectorConsumers.TOPICS.stream()
      .filter(topic -> !topic.equals(Topics.DEAD_LETTERS)) // written, not read
      .map(Topic::name)
      .toList();
  /** Each table in a stable order, by a key that a rebuild keeps. */
  private static final Map<String, String> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put("browser_types", "id");
    TABLES.put("automation_jobs", "id");
    TABLES.put("job_artifacts", "id");
    TABLES.put("job_logs", "event_id");
    TABLES.put("browser_workers", "id");
    TABLES.put("api_keys", "id");
    TABLES.put("url_policies", "id");
  }

  private static final WorkerId BUSY = WorkerId.ofSlot("rebuild-a", "chromium", 0);
  private static final WorkerId IDLE = WorkerId.ofSlot("rebuild-a", "chromium", 1);
  private static final WorkerId STOPPED = WorkerId.ofSlot("rebuild-b", "chromium", 0);
  private static final int TABLET = 31;

  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  /**
   * The projector's now, for the original and the rebuild alike: the heartbeats stay recent
   * (younger than worker-offline-after) however long the projections take on a busy machine.
   */
  private static final Clock NOW = Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC);
  /** Two hours later, when the housekeeping has run. */
  private static final Clock LATER = Clock.offset(NOW, Duration.ofHours(2));
  private static JobStory completed;
  private static JobStory failed;
  private static JobStory cancelled;
  private static JobStory retried;
  private static JobStory rejected;
  private static JobStory onTheNewType;
  /** Inside retention now, past it two hours later. */
  private static JobStory nearlyExpired;
  private static UUID apiKeyId;

  @BeforeAll
  static void produceTheStories() {
    TestKafka.createTopics(ProjectorConsumers.TOPICS);
    Instant at = T0.minusSeconds(60);
    var typeCreated = T0.minus(Duration.ofDays(1));
    TestKafka.send(Topics.BROWSER_TYPES, String.valueOf(TABLET),
        new BrowserType(TABLET, "Rebuild Tablet", Engine.CHROMIUM, DeviceType.MOBILE, "UA 1", 800,
            1280, true, typeCreated, typeCreated));
    TestKafka.send(Topics.BROWSER_TYPES, String.valueOf(TABLET),
        new BrowserType(TABLET, "Rebuild Tablet", Engine.CHROMIUM, DeviceType.MOBILE, "UA 2", 820,
            1180, true, typeCreated, typeCreated.plusSeconds(60)));
    apiKeyId = UUID.randomUUID();
    TestKafka.send(Topics.API_KEYS, apiKeyId.toString(),
        new ApiKey(apiKeyId, "3e".repeat(32), "acme", "rebuild", ApiKeyStatus.ACTIVE, 90, true,
            null, at, at));

    completed = aJob().submittedAt(at);
    failed = aJob().submittedAt(at.plusSeconds(1));
    cancelled = aJob().submittedAt(at.plusSeconds(2));
    retried = aJob().submittedAt(at.plusSeconds(3));
    rejected = aJob().submittedAt(at.plusSeconds(4)).forBrowserType(99);
    onTheNewType = aJob().submittedAt(at.plusSeconds(5)).forBrowserType(TABLET);
    nearlyExpired = aJob().submittedAt(T0.minus(TestDatabases.RETENTION).plus(Duration.ofHours(1)));

    var events = new ArrayList<JobEvent>();
    events.addAll(List.of(completed.accepted(), completed.started(1, BUSY),
        completed.logged("screenshot took 42 ms"), completed.artifactStored(),
        completed.succeeded()));
    events.addAll(List.of(failed.accepted(), failed.started(1, BUSY), failed.logged("clicking"),
        failed.failed("element not found: #buy")));
    events.addAll(List.of(cancelled.accepted(), cancelled.cancelled("cancelled by acme")));
    events.addAll(List.of(retried.accepted(), retried.started(1, BUSY),
        retried.requeued(1, 1, "navigation timed out"), retried.started(2, BUSY)));
    events.add(rejected.rejected(rejected.submission(), "browserTypeId", "no active browser type 99"));
    events.add(onTheNewType.accepted());
    events.addAll(List.of(nearlyExpired.accepted(), nearlyExpired.started(1, STOPPED),
        nearlyExpired.logged("old line"), nearlyExpired.artifactStored(),
        nearlyExpired.succeeded()));
    events.forEach(e -> TestKafka.send(Topics.JOB_EVENTS, e.jobId().toString(), e));

    List<WorkerEvent> workers =
        List.of(
            heartbeat(BUSY, T0.minusSeconds(2), retried.jobId()),
            heartbeat(IDLE, T0.minusSeconds(1), null),
            heartbeat(STOPPED, T0.minusSeconds(20), nearlyExpired.jobId()),
            new WorkerStopped(UUID.randomUUID(), STOPPED, T0.minusSeconds(10), "rebuild-b",
                Engine.CHROMIUM));
    workers.forEach(e -> TestKafka.send(Topics.WORKER_EVENTS, e.workerId().toString(), e));
  }

  @Test
  void droppingTheTablesAndReplayingTheTopicsRebuildsEveryRowAsItWas() {
    DataSource database = TestDatabases.migrated("rebuild");
    projectFromTheStart(database, NOW);
    var original = snapshot(database);

    // The stories are there as their events tell, so the comparison below compares something.
    var rows = new Rows(JdbcClient.create(database));
    assertThat(rows.job(completed.jobId())).containsEntry("status", "completed");
    assertThat(rows.job(failed.jobId())).containsEntry("status", "failed");
    assertThat(rows.job(cancelled.jobId())).containsEntry("status", "cancelled");
    assertThat(rows.job(retried.jobId()))
        .containsEntry("status", "processing")
        .containsEntry("retry_count", 1);
    assertThat(rows.job(rejected.jobId())).containsEntry("status", "failed");
    assertThat(rows.job(onTheNewType.jobId())).containsEntry("browser_type_id", TABLET);
    assertThat(rows.list("SELECT * FROM job_logs WHERE job_id = :id", completed.jobId())).hasSize(2);
    assertThat(rows.list("SELECT * FROM job_artifacts WHERE job_id = :id", completed.jobId()))
        .hasSize(1);
    assertThat(rows.worker(BUSY)).containsEntry("current_job_id", retried.jobId().value());
    assertThat(rows.worker(IDLE)).containsEntry("status", "idle");
    assertThat(rows.worker(STOPPED)).containsEntry("status", "offline");
    assertThat(original.get("browser_types"))
        .anySatisfy(t -> assertThat(t).containsEntry("id", TABLET).containsEntry("user_agent", "UA 2"));
    assertThat(original.get("api_keys")).anySatisfy(k -> assertThat(k).containsEntry("id", apiKeyId));

    dropEveryTableAndMigrateAgain(database);
    assertThat(snapshot(database).get("automation_jobs")).isEmpty();
    projectFromTheStart(database, NOW);

    assertRowForRowEqual(snapshot(database), original);
  }

  @Test
  void aJobDeletedByRetentionDoesNotComeBackOnReplay() {
    DataSource database = TestDatabases.migrated("rebuild_retention");
    projectFromTheStart(database, NOW);
    var rows = new Rows(JdbcClient.create(database));
    assertThat(rows.job(nearlyExpired.jobId())).containsEntry("status", "completed");

    // Two hours later the housekeeping has run: the job is past retention and deleted with its
    // logs and artifact, and every worker of the stories has been silent for too long.
    houseKeep(database, LATER);
    assertThat(rows.job(nearlyExpired.jobId())).isEmpty();
    assertThat(rows.list("SELECT * FROM job_logs WHERE job_id = :id", nearlyExpired.jobId())).isEmpty();
    var original = snapshot(database);

    dropEveryTableAndMigrateAgain(database);
    projectFromTheStart(database, LATER);
    houseKeep(database, LATER);

    assertThat(rows.job(nearlyExpired.jobId())).isEmpty();
    assertThat(rows.list("SELECT * FROM job_logs WHERE job_id = :id", nearlyExpired.jobId())).isEmpty();
    assertThat(rows.list("SELECT * FROM job_artifacts WHERE job_id = :id", nearlyExpired.jobId()))
        .isEmpty();
    assertThat(rows.job(completed.jobId())).containsEntry("status", "completed");
    assertRowForRowEqual(snapshot(database), original);
  }

  /**
   * Runs the real consumers, as a new consumer group reading from offset 0, until they have
   * applied every record now on the topics, then stops them.
   */
  private static void projectFromTheStart(DataSource database, Clock clock) {
    var properties = properties("bf-rebuild-" + UUID.randomUUID());
    var kafka = new KafkaProperties();
    kafka.setBootstrapServers(List.of(SharedInfrastructure.kafkaBootstrapServers()));
    var consumers =
        new ProjectorConsumers(
            properties, kafka,
            new ProjectionStore(database, clock, properties.retention()),
            new dev.browserfleet.projector.persistence.WebhookRows(database), new SimpleMeterRegistry());
    consumers.start();
    try {
      ConsumerGroups.awaitCaughtUp(properties.groupId(), WAIT, TOPICS);
    } finally {
      consumers.stop();
    }
  }

  private static void houseKeep(DataSource database, Clock clock) {
    var housekeeping = new Housekeeping(database, new DirectoryArtifactStore(artifactDir));
    housekeeping.deleteJobsCreatedBefore(clock.instant().minus(TestDatabases.RETENTION), 1000);
    housekeeping.takeSilentWorkersOffline(clock.instant().minus(TestDatabases.WORKER_OFFLINE_AFTER));
  }

  private static ProjectorProperties properties(String groupId) {
    return new ProjectorProperties(
        groupId, 500, Duration.ofMillis(200),
        new ProjectorProperties.Retry(Duration.ofMillis(100), 2.0, Duration.ofMillis(500)),
        3, (short) 1, TestDatabases.WORKER_OFFLINE_AFTER, Duration.ofSeconds(10),
        TestDatabases.RETENTION, Duration.ofHours(1), 1000, "");
  }

  private static void dropEveryTableAndMigrateAgain(DataSource database) {
    JdbcClient.create(database).sql("DROP SCHEMA public CASCADE").update();
    JdbcClient.create(database).sql("CREATE SCHEMA public").update();
    TestDatabases.migrate(database);
  }

  /** Every row of the seven tables, every column, each table in key order. */
  private static Map<String, List<Map<String, Object>>> snapshot(DataSource database) {
    var db = JdbcClient.create(database);
    var snapshot = new LinkedHashMap<String, List<Map<String, Object>>>();
    TABLES.forEach((table, key) -> snapshot.put(table,
        db.sql("SELECT * FROM " + table + " ORDER BY " + key).query().listOfRows().stream()
            .map(Rows::local)
            .toList()));
    return snapshot;
  }

  /**
   * Equal row for row and column for column, except job_logs.id: a SERIAL counts the inserts
   * of this database, so a rebuild numbers the same rows differently. Its rows are identified
   * by event_id instead, the event each row came from.
   */
  private static void assertRowForRowEqual(
      Map<String, List<Map<String, Object>>> rebuilt,
      Map<String, List<Map<String, Object>>> original) {
    assertThat(withoutLogIds(rebuilt).keySet()).containsExactlyElementsOf(TABLES.keySet());
    withoutLogIds(original).forEach((table, rows) ->
        assertThat(withoutLogIds(rebuilt).get(table)).as(table).isEqualTo(rows));
  }

  private static Map<String, List<Map<String, Object>>> withoutLogIds(
      Map<String, List<Map<String, Object>>> snapshot) {
    var copy = new LinkedHashMap<>(snapshot);
    copy.put("job_logs", snapshot.get("job_logs").stream()
        .<Map<String, Object>>map(row -> {
          var withoutId = new LinkedHashMap<>(row);
          withoutId.remove("id");
          return withoutId;
        })
        .toList());
    return copy;
  }

  private static WorkerHeartbeat heartbeat(WorkerId worker, Instant at, JobId job) {
    return new WorkerHeartbeat(
        UUID.randomUUID(), worker, at, "rebuild", Engine.CHROMIUM,
        job == null ? WorkerStatus.IDLE : WorkerStatus.BUSY, job, 1, T0.minus(Duration.ofHours(1)));
  }
}
