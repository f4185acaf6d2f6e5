package dev.browserfleet.projector.persistence;

import static dev.browserfleet.projector.JobStory.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.artifacts.DirectoryArtifactStore;
import dev.browserfleet.artifacts.S3ArtifactStore;
import dev.browserfleet.artifacts.S3Settings;
import dev.browserfleet.testing.SharedInfrastructure;
import java.io.ByteArrayInputStream;
import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.WorkerStatus;
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.WorkerHeartbeat;
import dev.browserfleet.contracts.event.WorkerStopped;
import dev.browserfleet.projector.JobStory;
import dev.browserfleet.projector.Rows;
import dev.browserfleet.projector.TestDatabases;
import java.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The stale-worker sweep and retention against a real PostgreSQL, a fresh database each test. */
class HousekeepingTest {

  private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");
  private static final Instant HORIZON = NOW.minus(TestDatabases.RETENTION);

  private ProjectionStore store;
  private Housekeeping housekeeping;
  private JdbcClient db;
  private Rows rows;
  private DataSource dataSource;
  @TempDir Path artifactDir;

  @BeforeEach
  void aFreshDatabase() {
    dataSource = TestDatabases.migrated("housekeeping");
    store = storeAt(NOW);
    housekeeping = new Housekeeping(dataSource, new DirectoryArtifactStore(artifactDir));
    db = JdbcClient.create(dataSource);
    rows = new Rows(db);
  }

  @Test
  void aWorkerSilentForLongerThanTheLimitGoesOfflineUntilItsNextHeartbeat() {
    JobStory job = aJob().submittedAt(NOW.minus(Duration.ofMinutes(5)));
    store.applyJobEvents(List.of(job.accepted(), job.started(1, slot("silent"))));
    var silentBeat = heartbeat("silent", NOW.minus(Duration.ofMinutes(2)), job.jobId());
    store.applyWorkerEvents(
        List.of(
            silentBeat,
            heartbeat("alive", NOW.minusSeconds(30), null),
            heartbeat("edge", NOW.minus(TestDatabases.WORKER_OFFLINE_AFTER), null),
            new WorkerStopped(UUID.randomUUID(), slot("stopped"), NOW.minus(Duration.ofHours(1)),
                "stopped", Engine.CHROMIUM)));
    var stoppedBefore = rows.worker(slot("stopped"));

    int offline = housekeeping.takeSilentWorkersOffline(NOW.minus(TestDatabases.WORKER_OFFLINE_AFTER));

    assertThat(offline).isEqualTo(1);
    assertThat(rows.worker(slot("silent")))
        .containsEntry("status", "offline")
        .containsEntry("current_job_id", null)
        .containsEntry("last_heartbeat", utc(silentBeat.occurredAt()));
    assertThat(rows.worker(slot("alive"))).containsEntry("status", "idle");
    // Silent for exactly the limit, not longer.
    assertThat(rows.worker(slot("edge"))).containsEntry("status", "idle");
    assertThat(rows.worker(slot("stopped"))).isEqualTo(stoppedBefore);

    assertThat(housekeeping.takeSilentWorkersOffline(NOW.minus(TestDatabases.WORKER_OFFLINE_AFTER)))
        .isZero();

    store.applyWorkerEvents(List.of(heartbeat("silent", NOW, job.jobId())));
    assertThat(rows.worker(slot("silent")))
        .containsEntry("status", "busy")
        .containsEntry("current_job_id", job.jobId().value())
        .containsEntry("last_heartbeat", utc(NOW));
  }

  @Test
  void jobsPastRetentionAreDeletedInBatchesWithTheirLogsAndArtifactsAndReleasedByTheirWorkers() throws Exception {
    List<JobStory> old =
        List.of(pastRetention(Duration.ofDays(3)), pastRetention(Duration.ofDays(2)),
            pastRetention(Duration.ofSeconds(1)));
    JobStory kept = aJob().submittedAt(HORIZON.plusSeconds(1));
    List<List<JobEvent>> oldStories = old.stream().map(HousekeepingTest::wholeStory).toList();
    // Projected back when they were young, each with a log line and an artifact.
    for (int i = 0; i < old.size(); i++) {
      storeAt(old.get(i).submittedAt()).applyJobEvents(oldStories.get(i));
    }
    var keptStory = wholeStory(kept);
    store.applyJobEvents(keptStory);
    for (JobStory job : concat(old, kept)) {
      Path file = artifactDir.resolve(job.jobId() + "/" + job.artifactId() + ".png");
      Files.createDirectories(file.getParent());
      Files.write(file, new byte[] {1, 2, 3});
    }
    var busyWithOld = heartbeat("busy", NOW.minusSeconds(5), old.getFirst().jobId());
    store.applyWorkerEvents(List.of(busyWithOld));

    assertThat(housekeeping.deleteJobsCreatedBefore(HORIZON, 2)).isEqualTo(2);
    assertThat(housekeeping.deleteJobsCreatedBefore(HORIZON, 2)).isEqualTo(1);
    assertThat(housekeeping.deleteJobsCreatedBefore(HORIZON, 2)).isZero();

    for (JobStory job : old) {
      assertThat(countOf("automation_jobs", "id", job.jobId())).isZero();
      assertThat(countOf("job_logs", "job_id", job.jobId())).isZero();
      assertThat(countOf("job_artifacts", "job_id", job.jobId())).isZero();
      assertThat(artifactDir.resolve(job.jobId().toString())).as("the job's artifact files").doesNotExist();
    }
    assertThat(artifactDir.resolve(kept.jobId() + "/" + kept.artifactId() + ".png")).exists();
    assertThat(rows.job(kept.jobId())).containsEntry("status", "completed");
    assertThat(countOf("job_logs", "job_id", kept.jobId())).isEqualTo(2);
    assertThat(countOf("job_artifacts", "job_id", kept.jobId())).isEqualTo(1);
    // The worker row stays as its heartbeat said, without the job that is gone.
    assertThat(rows.worker(slot("busy")))
        .containsEntry("status", "busy")
        .containsEntry("current_job_id", null)
        .containsEntry("last_heartbeat", utc(busyWithOld.occurredAt()));

    // A replay from the start of the topics does not bring them back, nor changes the kept one.
    var keptRow = rows.job(kept.jobId());
    oldStories.forEach(store::applyJobEvents);
    store.applyJobEvents(keptStory);
    for (JobStory job : old) {
      assertThat(countOf("automation_jobs", "id", job.jobId())).isZero();
      assertThat(countOf("job_logs", "job_id", job.jobId())).isZero();
      assertThat(countOf("job_artifacts", "job_id", job.jobId())).isZero();
    }
    assertThat(rows.job(kept.jobId())).isEqualTo(keptRow);
  }

  @Test
  void retentionDeletesTheArtifactObjectsInS3WithTheirRows() throws Exception {
    var s3 = SharedInfrastructure.s3();
    var settings = new S3Settings(s3.endpoint(), "us-east-1", SharedInfrastructure.newBucket("retention"),
        s3.accessKey(), s3.secretKey(), true, "", S3Settings.MIN_PART_SIZE);
    try (var objects = new S3ArtifactStore(settings).ensureBucket()) {
      var withS3 = new Housekeeping(dataSource, objects);
      JobStory old = pastRetention(Duration.ofDays(1));
      JobStory kept = aJob().submittedAt(HORIZON.plusSeconds(1));
      storeAt(old.submittedAt()).applyJobEvents(wholeStory(old));
      store.applyJobEvents(wholeStory(kept));
      for (JobStory job : List.of(old, kept)) {
        objects.write(keyOf(job), new ByteArrayInputStream(new byte[] {1, 2, 3}), "image/png");
      }

      assertThat(withS3.deleteJobsCreatedBefore(HORIZON, 10)).isEqualTo(1);

      assertThat(countOf("job_artifacts", "job_id", old.jobId())).isZero();
      assertThat(objects.open(keyOf(old))).as("the deleted job's object").isEmpty();
      try (var stillThere = objects.open(keyOf(kept)).orElseThrow()) {
        assertThat(stillThere.content().readAllBytes()).containsExactly(1, 2, 3);
      }
    }
  }

  private static String keyOf(JobStory job) {
    return job.jobId() + "/" + job.artifactId() + ".png";
  }

  private ProjectionStore storeAt(Instant now) {
    return TestDatabases.store(dataSource, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static JobStory pastRetention(Duration by) {
    return aJob().submittedAt(HORIZON.minus(by));
  }

  private static List<JobStory> concat(List<JobStory> jobs, JobStory one) {
    var all = new java.util.ArrayList<>(jobs);
    all.add(one);
    return all;
  }

  private static List<JobEvent> wholeStory(JobStory job) {
    return List.of(job.accepted(), job.started(1, slot("busy")), job.logged("screenshot taken"),
        job.artifactStored(), job.succeeded());
  }

  private long countOf(String table, String column, JobId id) {
    return db.sql("SELECT count(*) FROM " + table + " WHERE " + column + " = :id")
        .param("id", id.value())
        .query(Long.class)
        .single();
  }

  private static WorkerHeartbeat heartbeat(String instance, Instant at, JobId job) {
    return new WorkerHeartbeat(
        UUID.randomUUID(), slot(instance), at, instance, Engine.CHROMIUM,
        job == null ? WorkerStatus.IDLE : WorkerStatus.BUSY, job, 1, at.minusSeconds(60));
  }

  private static WorkerId slot(String instance) {
    return WorkerId.ofSlot(instance, "chromium", 0);
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
