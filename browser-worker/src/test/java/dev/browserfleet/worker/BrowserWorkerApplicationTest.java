package dev.browserfleet.worker;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import java.util.Map;
import dev.browserfleet.contracts.JsonCodec;
import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.browserfleet.contracts.DeadLetterHeaders;
import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.WorkerStatus;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.reaper.Reaper;
import dev.browserfleet.contracts.event.AttemptArtifactStored;
import dev.browserfleet.contracts.event.AttemptFailed;
import dev.browserfleet.contracts.event.AttemptLogged;
import dev.browserfleet.contracts.event.AttemptProgressed;
import dev.browserfleet.contracts.event.AttemptReport;
import dev.browserfleet.contracts.event.AttemptStarted;
import dev.browserfleet.contracts.event.AttemptSucceeded;
import dev.browserfleet.contracts.event.WorkerEvent;
import dev.browserfleet.contracts.event.WorkerHeartbeat;
import dev.browserfleet.contracts.event.WorkerStopped;
import dev.browserfleet.contracts.lane.Lane;
import dev.browserfleet.testing.SharedInfrastructure;
import dev.browserfleet.testing.TempDirs;
import dev.browserfleet.testing.TestKafka;
import dev.browserfleet.testing.TopicProbe;
import dev.browserfleet.worker.support.TestPages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker as an application, on the shared real broker with real Chromium: lane records in,
 * attempt reports, heartbeats, dead letters and artifacts out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserWorkerApplicationTest {

  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static final String INSTANCE = "app-test-" + UUID.randomUUID().toString().substring(0, 8);
  private static final WorkerId SLOT_0 = WorkerId.ofSlot(INSTANCE, "chromium", 0);
  private static final String NORMAL_LANE = Topics.lane(new Lane(Engine.CHROMIUM, "normal")).name();

  private static String bootstrap;
  private static Path artifactDir;
  private static Set<Long> processesBefore;
  private static ConfigurableApplicationContext context;

  @BeforeAll
  static void startTheWorker() throws Exception {
    bootstrap = SharedInfrastructure.kafkaBootstrapServers();
    artifactDir = Files.createTempDirectory("bf-worker-app-artifacts-");
    processesBefore = descendants();
    // Command-line arguments: they outrank the module's own properties file (default properties do not).
    context = new SpringApplicationBuilder(BrowserWorkerApplication.class)
        .web(WebApplicationType.NONE)
        .run(
            "--spring.kafka.bootstrap-servers=" + bootstrap,
            "--browserfleet.artifact-dir=" + artifactDir,
            "--browserfleet.allow-private-targets=true",
            "--browserfleet.worker.slots=1",
            "--browserfleet.worker.instance=" + INSTANCE,
            "--browserfleet.worker.heartbeat-interval=1s",
            "--browserfleet.worker.shutdown-grace=5s",
            "--spring.main.banner-mode=off");
  }

  @AfterAll
  static void stopTheWorker() {
    if (context != null) {
      context.close();
    }
    TempDirs.deleteRecursively(artifactDir);
  }

  @Test
  @Order(1)
  void theWorkerIsHealthyOnceItsSlotHasAStartedBrowser() {
    var health = context.getBean("browserWorkerHealth", HealthIndicator.class);

    await().atMost(WITHIN).until(() -> health.health().getStatus().equals(Status.UP));

    assertThat(health.health().getDetails()).containsKey("chromium");
  }

  @Test
  @Order(2)
  void aGarbageRecordGoesToTheDeadLettersAndTheNextJobRunsToAStoredScreenshot() throws Exception {
    try (var reports = TopicProbe.of(Topics.ATTEMPT_REPORTS, bootstrap);
        var deadLetters = TopicProbe.of(Topics.DEAD_LETTERS, bootstrap);
        var workerEvents = TopicProbe.of(Topics.WORKER_EVENTS, bootstrap)) {
      byte[] garbage = ("not a job " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
      TestKafka.sendRaw(NORMAL_LANE, "garbage", garbage);
      var job = anAssignment().to(TestPages.url("image.html")).attempt(2)
          .doing(new Screenshot(null, null, null, null)).build();
      TestKafka.send(Topics.lane(new Lane(Engine.CHROMIUM, "normal")), job.jobId().toString(), job);

      var succeeded = (AttemptSucceeded) reports.awaitOne(
          r -> r instanceof AttemptSucceeded && r.jobId().equals(job.jobId()), WITHIN);

      List<AttemptReport> ofJob = reports.values().stream().filter(r -> r.jobId().equals(job.jobId())).toList();
      assertThat(ofJob).allSatisfy(r -> {
        assertThat(r.attempt()).isEqualTo(2);
        assertThat(r.workerId()).isEqualTo(SLOT_0);
      });
      assertThat(ofJob.getFirst()).isInstanceOf(AttemptStarted.class);
      assertThat(ofJob.getLast()).isEqualTo(succeeded);
      assertThat(ofJob).filteredOn(AttemptLogged.class::isInstance)
          .extracting(r -> ((AttemptLogged) r).message())
          .anyMatch(m -> m.startsWith("opened "));
      assertThat(ofJob).filteredOn(AttemptProgressed.class::isInstance).singleElement().satisfies(r -> {
        var progress = (AttemptProgressed) r;
        assertThat(progress.actionIndex()).isZero();
        assertThat(progress.actionCount()).isEqualTo(1);
        assertThat(progress.action()).isEqualTo("screenshot");
        assertThat(progress.success()).isTrue();
      });
      var stored = ofJob.stream().filter(AttemptArtifactStored.class::isInstance)
          .map(AttemptArtifactStored.class::cast).findFirst().orElseThrow();
      assertThat(ofJob.indexOf(stored)).isLessThan(ofJob.indexOf(succeeded));
      Path png = artifactDir.resolve(stored.artifact().path());
      byte[] bytes = Files.readAllBytes(png);
      assertThat(stored.artifact().sizeBytes()).isEqualTo((long) bytes.length);
      assertThat(stored.artifact().sha256())
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
      assertThat(stored.artifact().mimeType()).isEqualTo("image/png");
      assertThat(succeeded.result().actions()).singleElement()
          .satisfies(a -> assertThat(a.artifactId()).isEqualTo(stored.artifact().id()));

      deadLetters.await(value -> java.util.Arrays.equals(value, garbage), 1, WITHIN);
      var deadLetter = deadLetters.records().stream()
          .filter(r -> java.util.Arrays.equals(r.value(), garbage)).findFirst().orElseThrow();
      assertThat(header(deadLetter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(NORMAL_LANE);
      assertThat(header(deadLetter, DeadLetterHeaders.REJECTED_BY)).isEqualTo("browser-worker");
      assertThat(header(deadLetter, DeadLetterHeaders.REASON)).contains("JobAssignment");

      List<WorkerEvent> beats = workerEvents.await(
          e -> e instanceof WorkerHeartbeat h && h.workerId().equals(SLOT_0) && h.status() == WorkerStatus.IDLE
              && Integer.valueOf(1).equals(h.browserTypeId()), 1, WITHIN);
      assertThat(beats.getFirst().workerId()).isEqualTo(SLOT_0);
      assertThat(workerEvents.values()).anySatisfy(e -> {
        assertThat(e).isInstanceOfSatisfying(WorkerHeartbeat.class, h -> {
          assertThat(h.status()).isEqualTo(WorkerStatus.BUSY);
          assertThat(h.currentJobId()).isEqualTo(job.jobId());
          assertThat(h.instance()).isEqualTo(INSTANCE);
          assertThat(h.engine()).isEqualTo(Engine.CHROMIUM);
          assertThat(h.startedAt()).isNotNull();
        });
      });
    }
  }

  @Test
  @Order(3)
  void anUnreadableAssignmentThatNamesItsJobFailsThatAttemptWithoutRetry() {
    try (var reports = TopicProbe.of(Topics.ATTEMPT_REPORTS, bootstrap);
        var deadLetters = TopicProbe.of(Topics.DEAD_LETTERS, bootstrap)) {
      JobId jobId = JobId.random();
      String record = "{\"jobId\":\"" + jobId + "\",\"attempt\":1,\"targetUrl\":\"http://example.com/\","
          + "\"actions\":[{\"action\":\"teleport\"}]}";

      TestKafka.sendRaw(NORMAL_LANE, jobId.toString(), record.getBytes(StandardCharsets.UTF_8));

      var failed = (AttemptFailed) reports.awaitOne(r -> r instanceof AttemptFailed && r.jobId().equals(jobId), WITHIN);
      assertThat(failed.retryable()).isFalse();
      assertThat(failed.reason()).startsWith("invalid assignment: ");
      deadLetters.await(v -> new String(v, StandardCharsets.UTF_8).equals(record), 1, WITHIN);
    }
  }

  @Test
  @Order(4)
  void anAttemptWrittenInAnAbortedTransactionNeverRuns() throws Exception {
    var aborted = anAssignment().to(TestPages.url("image.html")).build();
    var committed = anAssignment().to(TestPages.url("image.html")).build();
    // Both under one key, so they share a partition and the aborted record comes first in the log.
    String key = aborted.jobId().toString();
    try (var reports = TopicProbe.of(Topics.ATTEMPT_REPORTS, bootstrap);
        var producer = new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", bootstrap, "transactional.id", "aborting-" + UUID.randomUUID()),
            new StringSerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(NORMAL_LANE, key, JsonCodec.encode(aborted))).get();
      producer.abortTransaction();
      TestKafka.sendRaw(NORMAL_LANE, key, JsonCodec.encode(committed));

      reports.awaitOne(r -> r instanceof AttemptSucceeded && r.jobId().equals(committed.jobId()), WITHIN);
      assertThat(reports.values()).noneMatch(r -> r.jobId().equals(aborted.jobId()));
    }
  }

  @Test
  @Order(5)
  void heartbeatsKeepComingWhileTheSlotIsIdle() {
    try (var workerEvents = TopicProbe.of(Topics.WORKER_EVENTS, bootstrap)) {
      workerEvents.await(e -> e instanceof WorkerHeartbeat h && h.workerId().equals(SLOT_0), 3, WITHIN);
    }
  }

  @Test
  @Order(6)
  void stoppingTheWorkerReportsTheSlotStoppedAndQuitsItsBrowser() {
    context.close();

    try (var workerEvents = TopicProbe.of(Topics.WORKER_EVENTS, bootstrap)) {
      workerEvents.awaitOne(e -> e instanceof WorkerStopped s && s.workerId().equals(SLOT_0), WITHIN);
    }
    assertThat(descendants()).as("processes after the worker stopped").isSubsetOf(processesBefore);
  }

  private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static Set<Long> descendants() {
    // Not the JVM's reaper: it lives as long as the JVM, and is no session's.
    long reaper = Reaper.ofThisJvm().pid();
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid).filter(pid -> pid != reaper).collect(Collectors.toSet());
  }
}
