package dev.browserfleet.dispatcher.streams;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.DeadLetterHeaders;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.command.CancelJob;
import dev.browserfleet.contracts.event.AttemptArtifactStored;
import dev.browserfleet.contracts.event.AttemptFailed;
import dev.browserfleet.contracts.event.AttemptLogged;
import dev.browserfleet.contracts.event.AttemptReleased;
import dev.browserfleet.contracts.event.AttemptReportBatch;
import dev.browserfleet.contracts.event.AttemptStarted;
import dev.browserfleet.contracts.event.AttemptSucceeded;
import dev.browserfleet.contracts.event.Artifact;
import dev.browserfleet.contracts.event.JobAccepted;
import dev.browserfleet.contracts.event.JobArtifactStored;
import dev.browserfleet.contracts.event.JobCancelled;
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.JobFailed;
import dev.browserfleet.contracts.event.JobRequeued;
import dev.browserfleet.contracts.event.JobLogged;
import dev.browserfleet.contracts.event.JobRejected;
import dev.browserfleet.contracts.event.JobResult;
import dev.browserfleet.contracts.event.JobStarted;
import dev.browserfleet.contracts.event.JobSucceeded;
import dev.browserfleet.contracts.ArtifactType;
import dev.browserfleet.contracts.LogLevel;
import dev.browserfleet.contracts.lane.AttemptRevoked;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import java.net.InetAddress;
import dev.browserfleet.dispatcher.lifecycle.LifecyclePolicy;
import dev.browserfleet.dispatcher.lifecycle.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

class DispatcherTopologyTest {

  private static final TargetAddressPolicy NO_PRIVATE_TARGETS =
      new TargetAddressPolicy(false, host -> List.of(InetAddress.getByName(
          Map.of("example.com", "93.184.215.14", "intranet.example", "10.0.0.7").getOrDefault(host, host))));

  static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  /** Backoff 1 s doubling up to 8 s with the jitter at its middle; 30 s queue timeout; workers lost after 10 s. */
  static final LifecyclePolicy POLICY = new LifecyclePolicy(
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), () -> 0.5), Duration.ofSeconds(30), Duration.ofSeconds(10));
  static final DispatcherSettings SETTINGS =
      new DispatcherSettings(PriorityBands.DEFAULT, NO_PRIVATE_TARGETS, POLICY, Duration.ofMillis(100));

  @TempDir Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> commands;
  private TestInputTopic<String, byte[]> reports;
  private TestInputTopic<String, byte[]> browserTypes;
  private TestOutputTopic<String, byte[]> events;
  private TestOutputTopic<String, byte[]> deadLetters;

  @BeforeEach
  void startTopology() {
    var props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dispatcher-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(DispatcherTopology.build(SETTINGS), props, T0);
    var keys = new StringSerializer();
    var bytes = new ByteArraySerializer();
    commands = driver.createInputTopic(Topics.JOB_COMMANDS.name(), keys, bytes);
    reports = driver.createInputTopic(Topics.ATTEMPT_REPORTS.name(), keys, bytes);
    browserTypes = driver.createInputTopic(Topics.BROWSER_TYPES.name(), keys, bytes);
    events = driver.createOutputTopic(Topics.JOB_EVENTS.name(), new StringDeserializer(), new ByteArrayDeserializer());
    deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new StringDeserializer(), new ByteArrayDeserializer());
    for (BrowserType type : SeedBrowserTypes.all()) {
      browserTypes.pipeInput(Integer.toString(type.id()), JsonCodec.encode(type));
    }
  }

  @AfterEach
  void closeTopology() {
    driver.close();
  }

  private static String submit(JobId id, int browserTypeId, String url, int priority) {
    return """
        {"type":"job.submit","jobId":"%s","clientId":"acme","browserTypeId":%d,"targetUrl":"%s",
         "actions":[{"action":"screenshot"}],"priority":%d,"maxRetries":0}
        """.formatted(id, browserTypeId, url, priority);
  }

  private void send(JobId id, String json) {
    commands.pipeInput(id.toString(), json.getBytes(UTF_8));
  }

  private List<JobEvent> readEvents() {
    return events.readValuesToList().stream().map(b -> JsonCodec.decode(b, JobEvent.class)).toList();
  }

  private List<JobAssignment> readLane(String topic) {
    return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer())
        .readValuesToList().stream().map(b -> JsonCodec.decode(b, JobAssignment.class)).toList();
  }

  @Test
  void aValidSubmissionIsAcceptedAndQueuedOnItsEnginesBandLane() {
    var id = JobId.random();
    send(id, submit(id, 2, "https://example.com/", 80));

    assertThat(readEvents()).singleElement().isInstanceOfSatisfying(JobAccepted.class, accepted -> {
      assertThat(accepted.sequence()).isEqualTo(1);
      assertThat(accepted.lane()).isEqualTo("chromium/high");
      assertThat(accepted.job().clientId()).isEqualTo("acme");
      assertThat(accepted.job().maxRetries()).isZero();
      assertThat(accepted.job().submittedAt()).isNotNull();
    });
    assertThat(readLane("bf.lane.chromium.high")).singleElement().satisfies(a -> {
      assertThat(a.jobId()).isEqualTo(id);
      assertThat(a.attempt()).isEqualTo(1);
      assertThat(a.browserType().name()).isEqualTo("Chromium Mobile");
    });
    assertThat(readLane("bf.lane.chromium.normal")).isEmpty();
  }

  @Test
  void aWebkitLowPriorityJobGoesToTheWebkitLowLane() {
    var id = JobId.random();
    send(id, submit(id, 5, "https://example.com/", 0));
    assertThat(readLane("bf.lane.webkit.low")).extracting(JobAssignment::jobId).containsExactly(id);
  }

  @Test
  void anUnknownBrowserTypeIsRejectedNamingTheField() {
    var id = JobId.random();
    send(id, submit(id, 99, "https://example.com/", 0));
    assertThat(readEvents()).singleElement().isInstanceOfSatisfying(JobRejected.class, r -> {
      assertThat(r.field()).isEqualTo("browserTypeId");
      assertThat(r.reason()).contains("99");
      assertThat(r.job().targetUrl()).isEqualTo("https://example.com/");
    });
  }

  @Test
  void aPrivateTargetIsRejectedWhenPrivateTargetsAreNotAllowed() {
    var id = JobId.random();
    send(id, submit(id, 1, "http://intranet.example/admin", 0));
    assertThat(readEvents()).singleElement().isInstanceOfSatisfying(JobRejected.class, r -> {
      assertThat(r.field()).isEqualTo("targetUrl");
      assertThat(r.reason()).contains("private");
    });
  }

  @Test
  void aSchemaViolationIsRejectedNamingThePath() {
    var id = JobId.random();
    send(id, submit(id, 1, "https://example.com/", 0).replace("\"screenshot\"", "\"teleport\""));
    assertThat(readEvents()).singleElement().isInstanceOfSatisfying(JobRejected.class,
        r -> assertThat(r.field()).isEqualTo("actions[0].action"));
  }

  @Test
  void aRecordKeyedByAnythingButItsJobIdIsRejectedAndLeavesNoState() {
    var id = JobId.random();
    commands.pipeInput("not-the-job-id", submit(id, 1, "https://example.com/", 0).getBytes(UTF_8));
    assertThat(readEvents()).singleElement().isInstanceOfSatisfying(JobRejected.class,
        r -> assertThat(r.field()).isEqualTo("key"));

    send(id, submit(id, 1, "https://example.com/", 0));
    assertThat(readEvents()).singleElement().isInstanceOf(JobAccepted.class);
  }

  @Test
  void garbageGoesToTheDeadLetterTopicWithItsReasonAndTheStreamGoesOn() {
    commands.pipeInput("k1", "{not json".getBytes(UTF_8));
    commands.pipeInput("k2", "{\"type\":\"job.launch\"}".getBytes(UTF_8));
    commands.pipeInput("k3", (byte[]) null);
    reports.pipeInput("k4", "[1,2]".getBytes(UTF_8));
    var id = JobId.random();
    send(id, submit(id, 1, "https://example.com/", 0));

    List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
    assertThat(dead).hasSize(4);
    assertThat(new String(dead.getFirst().value(), UTF_8)).isEqualTo("{not json");
    assertThat(header(dead.getFirst().headers(), DeadLetterHeaders.REASON)).contains("not JSON");
    assertThat(header(dead.get(1).headers(), DeadLetterHeaders.REASON)).contains("unknown command type 'job.launch'");
    assertThat(header(dead.get(3).headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.ATTEMPT_REPORTS.name());
    assertThat(header(dead.get(3).headers(), DeadLetterHeaders.REJECTED_BY)).isEqualTo("dispatcher");
    assertThat(readEvents()).singleElement().isInstanceOf(JobAccepted.class);
  }

  @Test
  void submittingTheSameJobIdTwiceYieldsOneJob() {
    var id = JobId.random();
    send(id, submit(id, 1, "https://example.com/", 0));
    send(id, submit(id, 1, "https://example.com/", 0));
    send(id, submit(id, 99, "https://example.com/", 0));
    assertThat(readEvents()).hasSize(1);
    assertThat(readLane("bf.lane.chromium.low")).hasSize(1);
  }

  @Test
  void aWorkersReportsBecomeTheJobsSequencedEvents() {
    var id = JobId.random();
    var worker = WorkerId.ofSlot("w", "chromium", 0);
    send(id, submit(id, 1, "https://example.com/", 0));
    var at = Instant.parse("2026-11-25T09:00:00Z");
    var artifact = new Artifact(UUID.randomUUID(), ArtifactType.SCREENSHOT, id + "/a.png", "image/png", 10, "ab", 0);
    report(new AttemptStarted(UUID.randomUUID(), id, 1, worker, at));
    report(new AttemptLogged(UUID.randomUUID(), id, 1, worker, at, LogLevel.INFO, "action 1/1 screenshot ok", Map.of()));
    report(new AttemptArtifactStored(UUID.randomUUID(), id, 1, worker, at, artifact));
    report(new AttemptSucceeded(UUID.randomUUID(), id, 1, worker, at, new JobResult(List.of(), Map.of(), null, null, null)));

    List<JobEvent> all = readEvents();
    assertThat(all).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("JobAccepted", "JobStarted", "JobLogged", "JobArtifactStored", "JobSucceeded");
    assertThat(all).extracting(JobEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(((JobStarted) all.get(1)).workerId()).isEqualTo(worker);
    assertThat(((JobArtifactStored) all.get(3)).artifact()).isEqualTo(artifact);
    assertThat(all.get(4).occurredAt()).isEqualTo(at);
    assertThat(all).allSatisfy(e -> assertThat(e.jobId()).isEqualTo(id));
    assertThat(((JobLogged) all.get(2)).message()).contains("screenshot");
    assertThat(all.get(4)).isInstanceOf(JobSucceeded.class);
  }

  @Test
  void aBatchOfReportsBecomesTheEventsItsReportsWouldOneByOne() {
    var id = JobId.random();
    var worker = WorkerId.ofSlot("w", "chromium", 0);
    send(id, submit(id, 1, "https://example.com/", 0));
    var at = Instant.parse("2026-11-25T09:00:00Z");
    var artifact = new Artifact(UUID.randomUUID(), ArtifactType.SCREENSHOT, id + "/a.png", "image/png", 10, "ab", 0);
    report(AttemptReportBatch.of(List.of(
        new AttemptStarted(UUID.randomUUID(), id, 1, worker, at),
        new AttemptLogged(UUID.randomUUID(), id, 1, worker, at.plusMillis(5), LogLevel.INFO, "action 1/1 screenshot ok", Map.of()),
        new AttemptArtifactStored(UUID.randomUUID(), id, 1, worker, at.plusMillis(6), artifact),
        new AttemptSucceeded(UUID.randomUUID(), id, 1, worker, at.plusMillis(7), NOTHING))));

    List<JobEvent> all = readEvents();
    assertThat(all).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("JobAccepted", "JobStarted", "JobLogged", "JobArtifactStored", "JobSucceeded");
    assertThat(all).extracting(JobEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(all.subList(1, 5)).extracting(JobEvent::occurredAt)
        .containsExactly(at, at.plusMillis(5), at.plusMillis(6), at.plusMillis(7));
    assertThat(((JobArtifactStored) all.get(3)).artifact()).isEqualTo(artifact);
  }

  @Test
  void aBatchMixingAttemptsIsDeadLetteredWithItsReasonAndChangesNothing() {
    var id = JobId.random();
    var worker = WorkerId.ofSlot("w", "chromium", 0);
    send(id, submit(id, 1, "https://example.com/", 0));
    String mixed = "{\"type\":\"attempt.batch\",\"reportId\":\"" + UUID.randomUUID() + "\",\"jobId\":\"" + id
        + "\",\"attempt\":1,\"workerId\":\"" + worker + "\",\"occurredAt\":\"2026-11-25T09:00:00Z\",\"reports\":["
        + new String(JsonCodec.encode(new AttemptStarted(UUID.randomUUID(), id, 2, worker, Instant.now())), UTF_8) + "]}";
    reports.pipeInput(id.toString(), mixed.getBytes(UTF_8));

    List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
    assertThat(dead).singleElement().satisfies(record ->
        assertThat(header(record.headers(), DeadLetterHeaders.REASON)).contains("every report of a batch is of its job"));
    assertThat(readEvents()).extracting(e -> e.getClass().getSimpleName()).containsExactly("JobAccepted");
  }

  @Test
  void aLateSuccessAfterACancellationChangesNothing() {
    var id = JobId.random();
    var worker = WorkerId.ofSlot("w", "chromium", 0);
    send(id, submit(id, 1, "https://example.com/", 0));
    report(new AttemptStarted(UUID.randomUUID(), id, 1, worker, Instant.now()));
    commands.pipeInput(id.toString(), JsonCodec.encode(new CancelJob(id, "acme", null, Instant.now())));
    report(new AttemptSucceeded(UUID.randomUUID(), id, 1, worker, Instant.now(), new JobResult(List.of(), Map.of(), null, null, null)));
    commands.pipeInput(id.toString(), JsonCodec.encode(new CancelJob(id, "acme", null, Instant.now())));

    List<JobEvent> all = readEvents();
    assertThat(all).extracting(e -> e.getClass().getSimpleName()).containsExactly("JobAccepted", "JobStarted", "JobCancelled");
    assertThat(((JobCancelled) all.getLast()).reason()).isEqualTo("cancelled by client acme");
  }

  @Test
  void aReportOfAnotherAttemptIsStaleAndIgnored() {
    var id = JobId.random();
    send(id, submit(id, 1, "https://example.com/", 0));
    report(new AttemptStarted(UUID.randomUUID(), id, 2, WorkerId.ofSlot("w", "chromium", 0), Instant.now()));
    assertThat(readEvents()).extracting(e -> e.getClass().getSimpleName()).containsExactly("JobAccepted");
  }

  // ---- retries, timeouts, cancellation, lost workers (issue 3) ----

  private static final JobResult NOTHING = new JobResult(List.of(), Map.of(), null, null, null);
  private static final WorkerId W1 = WorkerId.ofSlot("w1", "chromium", 0);
  private static final WorkerId W2 = WorkerId.ofSlot("w2", "chromium", 0);

  private static String submitWithRetries(JobId id, int browserTypeId, int maxRetries) {
    return """
        {"type":"job.submit","jobId":"%s","clientId":"acme","browserTypeId":%d,"targetUrl":"https://example.com/",
         "actions":[{"action":"screenshot"}],"priority":50,"maxRetries":%d}
        """.formatted(id, browserTypeId, maxRetries);
  }

  private Instant now() {
    return T0.plus(Duration.ofMillis(elapsedMs));
  }

  private long elapsedMs;

  private void advance(Duration duration) {
    // In steps of the timer interval, as the wall clock would pass.
    for (long step = 0; step < duration.toMillis(); step += 100) {
      driver.advanceWallClockTime(Duration.ofMillis(100));
      elapsedMs += 100;
    }
  }

  private void heartbeat(WorkerId worker, dev.browserfleet.contracts.Engine engine) {
    workerEvents().pipeInput(worker.toString(), JsonCodec.encode(new dev.browserfleet.contracts.event.WorkerHeartbeat(
        UUID.randomUUID(), worker, now(), "test", engine, dev.browserfleet.contracts.WorkerStatus.BUSY, null, 1, T0)));
  }

  private TestInputTopic<String, byte[]> workerEvents() {
    return driver.createInputTopic(Topics.WORKER_EVENTS.name(), new StringSerializer(), new ByteArraySerializer());
  }

  private List<AttemptRevoked> readRevocations() {
    return driver.createOutputTopic(Topics.ATTEMPT_REVOCATIONS.name(), new StringDeserializer(), new ByteArrayDeserializer())
        .readValuesToList().stream().map(b -> JsonCodec.decode(b, AttemptRevoked.class)).toList();
  }

  private static List<String> names(List<JobEvent> events) {
    return events.stream().map(e -> e.getClass().getSimpleName()).toList();
  }

  @Test
  void aRetryableFailureIsRetriedAfterItsBackoffAsTheNextAttemptUntilMaxRetriesIsUsed() {
    var id = JobId.random();
    send(id, submitWithRetries(id, 1, 1));
    assertThat(readLane("bf.lane.chromium.normal")).extracting(JobAssignment::attempt).containsExactly(1);
    report(new AttemptStarted(UUID.randomUUID(), id, 1, W1, now()));
    report(new AttemptFailed(UUID.randomUUID(), id, 1, W1, now(), "navigation failed: net::ERR_CONNECTION_RESET", true, NOTHING));

    List<JobEvent> first = readEvents();
    assertThat(names(first)).containsExactly("JobAccepted", "JobStarted", "JobRequeued");
    var requeued = (JobRequeued) first.getLast();
    assertThat(requeued.retryCount()).isEqualTo(1);
    assertThat(requeued.nextAttempt()).isEqualTo(2);
    // The first retry waits between 0.5 and 1 s; the jitter here is at its middle.
    assertThat(requeued.retryAt()).isEqualTo(now().plusMillis(750));
    assertThat(requeued.reason()).isEqualTo("attempt 1 failed: navigation failed: net::ERR_CONNECTION_RESET");

    advance(Duration.ofMillis(500));
    assertThat(readLane("bf.lane.chromium.normal")).as("still in its backoff").isEmpty();
    advance(Duration.ofMillis(400));
    assertThat(readLane("bf.lane.chromium.normal")).extracting(JobAssignment::attempt).containsExactly(2);

    report(new AttemptStarted(UUID.randomUUID(), id, 2, W2, now()));
    report(new AttemptFailed(UUID.randomUUID(), id, 2, W2, now(), "timed out after 2000 ms", true, NOTHING));
    List<JobEvent> second = readEvents();
    assertThat(names(second)).containsExactly("JobStarted", "JobFailed");
    assertThat(((JobFailed) second.getLast()).reason()).startsWith("timed out after 2000 ms").contains("gave up after 2 attempts");
    assertThat(second).extracting(JobEvent::sequence).containsExactly(4L, 5L);
  }

  @Test
  void maxRetriesZeroMeansNoRetryAndANonRetryableFailureEndsTheJobAtOnce() {
    var none = JobId.random();
    send(none, submitWithRetries(none, 1, 0));
    report(new AttemptStarted(UUID.randomUUID(), none, 1, W1, now()));
    report(new AttemptFailed(UUID.randomUUID(), none, 1, W1, now(), "navigation failed", true, NOTHING));
    var fatal = JobId.random();
    send(fatal, submitWithRetries(fatal, 1, 3));
    report(new AttemptStarted(UUID.randomUUID(), fatal, 1, W1, now()));
    report(new AttemptFailed(UUID.randomUUID(), fatal, 1, W1, now(), "click: no element matches '#missing'", false, NOTHING));

    assertThat(names(readEvents())).containsExactly("JobAccepted", "JobStarted", "JobFailed", "JobAccepted", "JobStarted", "JobFailed");
    advance(Duration.ofSeconds(10));
    readLane("bf.lane.chromium.normal");
    assertThat(readLane("bf.lane.chromium.normal")).isEmpty();
  }

  @Test
  void cancellingAQueuedJobRevokesItsAttemptAndCancellingAgainChangesNothing() {
    var id = JobId.random();
    send(id, submitWithRetries(id, 1, 3));
    commands.pipeInput(id.toString(), JsonCodec.encode(new CancelJob(id, "acme", null, now())));
    commands.pipeInput(id.toString(), JsonCodec.encode(new CancelJob(id, "acme", null, now())));
    report(new AttemptStarted(UUID.randomUUID(), id, 1, W1, now()));

    assertThat(names(readEvents())).containsExactly("JobAccepted", "JobCancelled");
    assertThat(readRevocations()).singleElement().satisfies(r -> {
      assertThat(r.jobId()).isEqualTo(id);
      assertThat(r.attempt()).isEqualTo(1);
      assertThat(r.workerId()).as("revoked for every worker").isNull();
    });
  }

  @Test
  void aJobCancelledInItsBackoffIsNeverQueuedAgain() {
    var id = JobId.random();
    send(id, submitWithRetries(id, 1, 3));
    report(new AttemptStarted(UUID.randomUUID(), id, 1, W1, now()));
    report(new AttemptFailed(UUID.randomUUID(), id, 1, W1, now(), "navigation failed", true, NOTHING));
    commands.pipeInput(id.toString(), JsonCodec.encode(new CancelJob(id, "acme", null, now())));
    readLane("bf.lane.chromium.normal");
    advance(Duration.ofSeconds(5));
    assertThat(readLane("bf.lane.chromium.normal")).isEmpty();
    assertThat(names(readEvents())).containsExactly("JobAccepted", "JobStarted", "JobRequeued", "JobCancelled");
  }

  @Test
  void aJobForAnEngineWithoutLiveWorkersFailsAfterTheQueueTimeoutNamingTheEngine() {
    var id = JobId.random();
    send(id, submitWithRetries(id, 3, 3)); // 3 is Firefox
    advance(Duration.ofSeconds(29));
    assertThat(names(readEvents())).containsExactly("JobAccepted");
    advance(Duration.ofSeconds(2));
    List<JobEvent> events = readEvents();
    assertThat(events).singleElement().isInstanceOfSatisfying(JobFailed.class,
        f -> assertThat(f.reason()).isEqualTo("no live firefox worker took the job within 30 s"));
    assertThat(readRevocations()).singleElement().satisfies(r -> assertThat(r.workerId()).isNull());
  }

  @Test
  void aQueuedJobWaitsBeyondTheQueueTimeoutWhileLiveWorkersOfItsEngineExist() {
    var id = JobId.random();
    send(id, submitWithRetries(id, 5, 3)); // 5 is WebKit
    for (int i = 0; i < 8; i++) {
      heartbeat(W1, dev.browserfleet.contracts.Engine.WEBKIT);
      advance(Duration.ofSeconds(5));
    }
    assertThat(names(readEvents())).containsExactly("JobAccepted");
  }

  @Test
  void aSilentWorkersJobRunsAgainAsANewAttemptCountedAsARetry() {
    var id = JobId.random();
    send(id, submitWithRetries(id, 1, 3));
    heartbeat(W1, dev.browserfleet.contracts.Engine.CHROMIUM);
    report(new AttemptStarted(UUID.randomUUID(), id, 1, W1, now()));
    advance(Duration.ofSeconds(9));
    heartbeat(W1, dev.browserfleet.contracts.Engine.CHROMIUM);
    advance(Duration.ofSeconds(9));
    assertThat(names(readEvents())).as("alive: it heartbeated 9 s ago").containsExactly("JobAccepted", "JobStarted");
    assertThat(readLane("bf.lane.chromium.normal")).extracting(JobAssignment::attempt).containsExactly(1);
    advance(Duration.ofSeconds(2));

    var requeued = (JobRequeued) readEvents().getFirst();
    assertThat(requeued.retryCount()).isEqualTo(1);
    assertThat(requeued.nextAttempt()).isEqualTo(2);
    assertThat(requeued.reason()).contains("worker " + W1 + " has been silent since").contains("limit 10 s");
    assertThat(readLane("bf.lane.chromium.normal")).extracting(JobAssignment::attempt).containsExactly(2);
    assertThat(readRevocations()).singleElement().satisfies(r -> {
      assertThat(r.attempt()).isEqualTo(1);
      assertThat(r.workerId()).as("the lost attempt's record is dropped by whoever gets it").isNull();
    });

    // The lost worker's late success is stale; the new attempt runs on another worker.
    report(new AttemptSucceeded(UUID.randomUUID(), id, 1, W1, now(), NOTHING));
    report(new AttemptStarted(UUID.randomUUID(), id, 2, W2, now()));
    report(new AttemptSucceeded(UUID.randomUUID(), id, 2, W2, now(), NOTHING));
    assertThat(names(readEvents())).containsExactly("JobStarted", "JobSucceeded");
  }

  @Test
  void aWorkerThatStoppedWithoutHandingBackIsLostAtOnceWhenItsLeaseIsChecked() {
    var id = JobId.random();
    send(id, submitWithRetries(id, 1, 0));
    report(new AttemptStarted(UUID.randomUUID(), id, 1, W1, now()));
    workerEvents().pipeInput(W1.toString(), JsonCodec.encode(new dev.browserfleet.contracts.event.WorkerStopped(
        UUID.randomUUID(), W1, now(), "test", dev.browserfleet.contracts.Engine.CHROMIUM)));
    advance(Duration.ofSeconds(11));
    List<JobEvent> events = readEvents();
    assertThat(names(events)).containsExactly("JobAccepted", "JobStarted", "JobFailed");
    assertThat(((JobFailed) events.getLast()).reason()).contains("stopped at").contains("no retries are left (max_retries 0)");
  }

  @Test
  void anotherWorkerStartingTheSameAttemptTakesItOverAsARetry() {
    var id = JobId.random();
    send(id, submitWithRetries(id, 1, 3));
    report(new AttemptStarted(UUID.randomUUID(), id, 1, W1, now()));
    report(new AttemptStarted(UUID.randomUUID(), id, 1, W2, now()));
    report(new AttemptSucceeded(UUID.randomUUID(), id, 1, W1, now(), NOTHING));
    report(new AttemptSucceeded(UUID.randomUUID(), id, 1, W2, now(), NOTHING));

    List<JobEvent> events = readEvents();
    assertThat(names(events)).containsExactly("JobAccepted", "JobStarted", "JobRequeued", "JobStarted", "JobSucceeded");
    assertThat(((JobRequeued) events.get(2)).retryCount()).isEqualTo(1);
    assertThat(((JobStarted) events.get(3)).workerId()).isEqualTo(W2);
    assertThat(readRevocations()).singleElement().satisfies(r -> assertThat(r.workerId()).isEqualTo(W1));
  }

  @Test
  void aLaneRecordHandedBackBeforeItStartedIsReplacedByANewAttemptWithoutARetry() {
    var id = JobId.random();
    send(id, submitWithRetries(id, 1, 0));
    assertThat(readLane("bf.lane.chromium.normal")).extracting(JobAssignment::attempt).containsExactly(1);
    report(new AttemptReleased(UUID.randomUUID(), id, 1, W1, now(), "its lane record came to busy slots 4 times"));

    List<JobEvent> events = readEvents();
    assertThat(names(events)).containsExactly("JobAccepted", "JobRequeued");
    assertThat(((JobRequeued) events.getLast()).retryCount()).isZero();
    assertThat(((JobRequeued) events.getLast()).nextAttempt()).isEqualTo(2);
    assertThat(readLane("bf.lane.chromium.normal")).extracting(JobAssignment::attempt).containsExactly(2);
    assertThat(readRevocations()).singleElement().satisfies(r -> assertThat(r.attempt()).isEqualTo(1));
  }

  @Test
  void aHandedBackAttemptWaitsAgainWithoutCountingAsARetry() {
    var id = JobId.random();
    send(id, submitWithRetries(id, 1, 0));
    report(new AttemptStarted(UUID.randomUUID(), id, 1, W1, now()));
    report(new AttemptReleased(UUID.randomUUID(), id, 1, W1, now(), "the worker is stopping"));
    report(new AttemptStarted(UUID.randomUUID(), id, 1, W2, now()));
    report(new AttemptSucceeded(UUID.randomUUID(), id, 1, W2, now(), NOTHING));

    List<JobEvent> events = readEvents();
    assertThat(names(events)).containsExactly("JobAccepted", "JobStarted", "JobRequeued", "JobStarted", "JobSucceeded");
    assertThat(((JobRequeued) events.get(2)).retryCount()).isZero();
    assertThat(((JobRequeued) events.get(2)).reason()).contains("handed back by worker " + W1);
  }

  @Test
  void aJobThatEndsTakesItsTimersWithIt() {
    var ended = JobId.random();
    var running = JobId.random();
    send(ended, submitWithRetries(ended, 1, 0));
    send(running, submitWithRetries(running, 1, 0));
    report(new AttemptStarted(UUID.randomUUID(), ended, 1, W1, now()));
    report(new AttemptStarted(UUID.randomUUID(), running, 1, W2, now()));
    assertThat(timerJobs(DispatcherTopology.TIMER_STORE)).contains(ended.toString(), running.toString());

    report(new AttemptSucceeded(UUID.randomUUID(), ended, 1, W1, now(), NOTHING));

    // The ended job's queue timeout and lease are gone from both stores; the running job's stay.
    assertThat(timerJobs(DispatcherTopology.TIMER_STORE)).doesNotContain(ended.toString()).contains(running.toString());
    assertThat(timerJobs(DispatcherTopology.TIMERS_BY_JOB_STORE)).doesNotContain(ended.toString()).contains(running.toString());
    // and the running job's lease still fires: W2 never sent a heartbeat, so it counts as lost
    advance(Duration.ofSeconds(11));
    assertThat(names(readEvents())).endsWith("JobSucceeded", "JobFailed");
    assertThat(timerJobs(DispatcherTopology.TIMER_STORE)).isEmpty();
    assertThat(timerJobs(DispatcherTopology.TIMERS_BY_JOB_STORE)).isEmpty();
  }

  /** The job ids of the timers in one of the two timer stores. */
  private List<String> timerJobs(String store) {
    var jobs = new java.util.ArrayList<String>();
    try (var all = driver.<String, String>getKeyValueStore(store).all()) {
      all.forEachRemaining(entry -> jobs.add(store.equals(DispatcherTopology.TIMER_STORE)
          ? TimerKeys.decode(entry.key).jobId().toString()
          : entry.key.substring(0, entry.key.indexOf('|'))));
    }
    return jobs;
  }

  private void report(Object report) {
    reports.pipeInput(((dev.browserfleet.contracts.event.AttemptReport) report).jobId().toString(), JsonCodec.encode(report));
  }

  private static String header(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), UTF_8);
  }
}
