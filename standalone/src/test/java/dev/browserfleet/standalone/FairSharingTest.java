package dev.browserfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Fair sharing against the running system (one Chromium slot): another client's job does not wait
 * behind a client's hundred queued ones for more than the job that holds the slot.
 */
class FairSharingTest {

  private static final int SLOW_MS = 1_500;
  private static TestSystem system;

  @BeforeAll
  static void start() {
    system = TestSystem.get();
  }

  /** A key of a new client: [key, key id]. */
  private static String[] newClient(String prefix) throws Exception {
    var created = system.send("POST", "/admin/api-keys", TestSystem.ADMIN_KEY,
        "{\"clientId\":\"" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"fair\",\"rateLimit\":100000}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = TestSystem.json(created);
    return new String[] {body.path("key").asString(), body.path("id").asString()};
  }

  private static String slowJob(int ms) {
    return """
        {"browserTypeId":1,"targetUrl":"%s","actions":[{"action":"wait","ms":%d}],"priority":50,"timeoutMs":60000,"maxRetries":0,"waitUntil":"load"}
        """.formatted(system.siteUrl, ms);
  }

  private static JsonNode awaitStatus(String key, String jobId, String status, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      var response = system.send("GET", "/jobs/" + jobId, key, null);
      // A job produced straight to Kafka is unknown to the API until the projector has written it.
      assertThat(response.statusCode()).as(response.body()).isIn(200, 404);
      JsonNode job = response.statusCode() == 200 ? TestSystem.json(response) : null;
      if (job != null && status.equals(job.path("status").asString())) {
        return job;
      }
      assertThat(System.nanoTime()).as("job %s reaches %s within %s; it is %s", jobId, status, timeout, job)
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void anotherClientsOneJobStartsWithinOneJobDurationThoughAHundredQueuedAhead() throws Exception {
    String a = newClient("fair-a")[0];
    String b = newClient("fair-b")[0];
    var hundred = new ArrayList<String>();
    for (int i = 0; i < 100; i++) {
      hundred.add(slowJob(SLOW_MS));
    }
    var batch = system.send("POST", "/jobs/batch", a, "{\"jobs\":[" + String.join(",", hundred) + "]}");
    assertThat(batch.statusCode()).as(batch.body()).isEqualTo(202);
    List<String> aJobs = new ArrayList<>();
    TestSystem.json(batch).path("jobIds").forEach(id -> aJobs.add(id.asString()));
    try {
      awaitStatus(a, aJobs.getFirst(), "processing", Duration.ofSeconds(60));

      var submitted = system.send("POST", "/jobs", b, slowJob(100));
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
      String bJob = TestSystem.json(submitted).path("jobId").asString();
      JsonNode bDone = awaitStatus(b, bJob, "completed", Duration.ofSeconds(60));

      Instant bCreated = Instant.parse(bDone.path("createdAt").asString());
      Instant bStarted = Instant.parse(bDone.path("startedAt").asString());
      // The one slot finished the job of a that it held when b came, then ran b's: no other job of
      // a started in between, although 99 of them were queued before it.
      List<Instant> aStartedMeanwhile = startedBetween(aJobs, bCreated, bStarted);
      assertThat(aStartedMeanwhile).as("a's jobs that started after b's was submitted and before it started")
          .hasSizeLessThanOrEqualTo(1);
      // "Within one job duration": b started right after the job that held the slot when b came
      // ended, not after a's queue; the job's own length on this machine is what it is.
      Instant heldSlotFreed = lastCompletedBefore(aJobs, bStarted);
      assertThat(heldSlotFreed).as("a job of a held the slot when b's came").isNotNull();
      assertThat(Duration.between(heldSlotFreed, bStarted)).as("from the slot's release to b's start")
          .isLessThanOrEqualTo(Duration.ofSeconds(3));
      System.out.printf("fair share: b's job waited %d ms for the slot (a's jobs wait %d ms each, 99 queued);"
              + " it started %d ms after the running job of a ended%n",
          Duration.between(bCreated, bStarted).toMillis(), SLOW_MS, Duration.between(heldSlotFreed, bStarted).toMillis());
    } finally {
      for (String job : aJobs) {
        system.send("POST", "/jobs/" + job + "/cancel", a, null);
      }
    }
  }

  @Test
  void aClientAtItsMaxConcurrentJobsLeavesAFreeSlotToAnotherClientsJob() throws Exception {
    String[] a = newClient("limit-a");
    String b = newClient("limit-b")[0];
    var patched = system.send("PATCH", "/admin/api-keys/" + a[1], TestSystem.ADMIN_KEY, "{\"maxConcurrentJobs\":1}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    try (var worker = new ExternalWorker(system)) {
      worker.awaitIdle(Duration.ofSeconds(180)); // two Chromium slots now
      String a1 = submit(a[0], slowJob(4_000));
      String a2 = submit(a[0], slowJob(4_000));
      awaitStatus(a[0], a1, "processing", Duration.ofSeconds(60));

      String b1 = submit(b, slowJob(500));
      awaitStatus(b, b1, "processing", Duration.ofSeconds(30));

      assertThat(TestSystem.json(system.send("GET", "/jobs/" + a2, a[0], null)).path("status").asString())
          .as("a's second job waits while its first runs, though a slot was free until b's came")
          .isEqualTo("pending");
      JsonNode a1Done = awaitStatus(a[0], a1, "completed", Duration.ofSeconds(60));
      JsonNode a2Done = awaitStatus(a[0], a2, "completed", Duration.ofSeconds(60));
      assertThat(Instant.parse(a2Done.path("startedAt").asString()))
          .as("a's second job started only once its first had ended")
          .isAfterOrEqualTo(Instant.parse(a1Done.path("completedAt").asString()));
    }
  }

  @Test
  void aCommandFromKafkaPastItsClientsMaxQueuedJobsFailsWithTheReasonARestClientGets() throws Exception {
    var created = system.send("POST", "/admin/api-keys", TestSystem.ADMIN_KEY,
        "{\"clientId\":\"queue-c\",\"name\":\"queue\",\"rateLimit\":100000}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String key = TestSystem.json(created).path("key").asString();
    String keyId = TestSystem.json(created).path("id").asString();
    // The one slot runs c's own long job, which is no longer queued.
    String running = submit(key, slowJob(30_000));
    awaitStatus(key, running, "processing", Duration.ofSeconds(60));
    assertThat(system.send("PATCH", "/admin/api-keys/" + keyId, TestSystem.ADMIN_KEY, "{\"maxQueuedJobs\":1}").statusCode())
        .isEqualTo(200);
    String queued = UUID.randomUUID().toString();
    String refused = UUID.randomUUID().toString();
    try {
      produce(queued);
      awaitStatus(key, queued, "pending", Duration.ofSeconds(30));
      produce(refused);

      JsonNode failed = awaitStatus(key, refused, "failed", Duration.ofSeconds(30));

      assertThat(failed.path("errorMessage").asString())
          .contains("client queue-c has 1 pending job(s) and may have at most 1 (its maxQueuedJobs)");
      var rest = system.send("POST", "/jobs", key, slowJob(100));
      assertThat(rest.statusCode()).as(rest.body()).isEqualTo(429);
      assertThat(TestSystem.json(rest).path("detail").asString()).contains("maxQueuedJobs");
      assertThat(TestSystem.json(system.send("GET", "/jobs/" + queued, key, null)).path("status").asString())
          .isEqualTo("pending");
    } finally {
      for (String job : List.of(running, queued)) {
        system.send("POST", "/jobs/" + job + "/cancel", key, null);
      }
    }
  }

  private static void produce(String jobId) {
    String command = """
        {"type":"job.submit","jobId":"%s","clientId":"queue-c","browserTypeId":1,"targetUrl":"%s",
         "actions":[{"action":"wait","ms":100}],"priority":50,"waitUntil":"load"}""".formatted(jobId, system.siteUrl);
    try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(
        java.util.Map.of("bootstrap.servers", system.kafkaBootstrap),
        new org.apache.kafka.common.serialization.StringSerializer(),
        new org.apache.kafka.common.serialization.StringSerializer())) {
      producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("bf.job-commands", jobId, command)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String submit(String key, String body) throws Exception {
    var accepted = system.send("POST", "/jobs", key, body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return TestSystem.json(accepted).path("jobId").asString();
  }

  private static List<Instant> startedBetween(List<String> jobs, Instant after, Instant before) throws Exception {
    var started = new ArrayList<Instant>();
    try (var db = system.database();
        var query = db.prepareStatement("SELECT started_at FROM automation_jobs WHERE id = ANY (?::uuid[])"
            + " AND started_at > ? AND started_at < ?")) {
      query.setArray(1, db.createArrayOf("text", jobs.toArray()));
      query.setTimestamp(2, utc(after));
      query.setTimestamp(3, utc(before));
      try (var rs = query.executeQuery()) {
        while (rs.next()) {
          started.add(rs.getTimestamp(1).toLocalDateTime().toInstant(java.time.ZoneOffset.UTC));
        }
      }
    }
    return started;
  }

  private static Instant lastCompletedBefore(List<String> jobs, Instant before) throws Exception {
    try (var db = system.database();
        var query = db.prepareStatement("SELECT max(completed_at) FROM automation_jobs WHERE id = ANY (?::uuid[])"
            + " AND completed_at <= ?")) {
      query.setArray(1, db.createArrayOf("text", jobs.toArray()));
      query.setTimestamp(2, utc(before));
      try (var rs = query.executeQuery()) {
        rs.next();
        Timestamp at = rs.getTimestamp(1);
        return at == null ? null : at.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
      }
    }
  }

  private static Timestamp utc(Instant instant) {
    return Timestamp.valueOf(java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC));
  }
}
