package dev.browserfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The job lifecycle end to end, on the whole system with a real broker, database and Chromium:
 * retries, timeouts, cancellation, queue timeouts, priorities and jobs produced straight to Kafka.
 * The worker has one Chromium slot, so a job that waits keeps the next ones queued.
 */
class LifecycleTest {

  private static TestSystem system;

  @BeforeAll
  static void start() {
    system = TestSystem.get();
  }

  private static String job(String targetUrl, String actions, int priority, int timeoutMs, int maxRetries) {
    return """
        {"browserTypeId":1,"targetUrl":"%s","actions":%s,"priority":%d,"timeoutMs":%d,"maxRetries":%d,"waitUntil":"load"}
        """.formatted(targetUrl, actions, priority, timeoutMs, maxRetries);
  }

  private static String waiting(int ms, int priority) {
    return job(system.siteUrl, "[{\"action\":\"wait\",\"ms\":" + ms + "}]", priority, 60_000, 0);
  }

  private static String closedPortUrl() throws Exception {
    try (var socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }
  }

  /** What a client produces straight to Kafka, with no project code: a string key and a JSON string. */
  private static void produce(String topic, String key, String json) {
    try (var producer = new KafkaProducer<String, String>(
        Map.of("bootstrap.servers", system.kafkaBootstrap), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, json)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Cancels through the REST API: {@code POST /jobs/{id}/cancel}, or its alias {@code DELETE /jobs/{id}}. */
  private static void cancel(String method, String jobId) throws Exception {
    var response = method.equals("DELETE")
        ? system.send("DELETE", "/jobs/" + jobId, system.clientKey, null)
        : system.send("POST", "/jobs/" + jobId + "/cancel", system.clientKey, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  private static List<String> logMessages(String jobId) throws SQLException {
    var messages = new ArrayList<String>();
    try (Connection db = system.database();
        var statement = db.prepareStatement(
            "SELECT message FROM job_logs WHERE job_id = ?::uuid AND metadata->>'attempt' IS NOT NULL ORDER BY created_at, id")) {
      statement.setString(1, jobId);
      try (var rs = statement.executeQuery()) {
        while (rs.next()) {
          messages.add(rs.getString(1));
        }
      }
    }
    return messages;
  }

  @Test
  void aRetryableFailureIsRetriedUpToMaxRetriesAndEveryAttemptLeavesALogRowSayingHowItEnded() throws Exception {
    String jobId = system.submit(job(closedPortUrl(), "[{\"action\":\"screenshot\"}]", 0, 10_000, 2));

    JsonNode failed = system.awaitStatus(jobId, "failed", Duration.ofSeconds(60));
    assertThat(failed.path("retryCount").asInt()).isEqualTo(2);
    assertThat(failed.path("errorMessage").asString()).contains("ERR_CONNECTION_REFUSED").contains("gave up after 3 attempts");
    // Each attempt's end is logged with its attempt number: two retries, then the failure.
    assertThat(system.count("SELECT count(*) FROM job_logs WHERE job_id = ?::uuid AND level = 'warn'"
        + " AND message LIKE 'attempt _ failed:%retry%'", jobId)).isEqualTo(2);
    assertThat(logMessages(jobId)).filteredOn(m -> m.startsWith("attempt 3 failed, and so did the job")).hasSize(1);
  }

  @Test
  void maxRetriesZeroMeansOneAttemptOnly() throws Exception {
    String jobId = system.submit(job(closedPortUrl(), "[{\"action\":\"screenshot\"}]", 0, 10_000, 0));

    JsonNode failed = system.awaitStatus(jobId, "failed", Duration.ofSeconds(60));
    assertThat(failed.path("retryCount").asInt()).isZero();
    assertThat(failed.path("maxRetries").asInt()).isZero();
    assertThat(failed.path("errorMessage").asString()).contains("ERR_CONNECTION_REFUSED").doesNotContain("gave up");
  }

  @Test
  void timeoutMsBoundsTheWholeAttemptNotJustTheNavigation() throws Exception {
    String jobId = system.submit(job(system.siteUrl, "[{\"action\":\"wait\",\"ms\":20000}]", 0, 1_500, 0));

    JsonNode failed = system.awaitStatus(jobId, "failed", Duration.ofSeconds(30));
    assertThat(failed.path("errorMessage").asString()).startsWith("timed out after 1500 ms");
    // The timed-out session was thrown away; the slot runs the next job in a fresh one.
    String next = system.submit(job(system.siteUrl, "[{\"action\":\"screenshot\"}]", 0, 30_000, 0));
    system.awaitStatus(next, "completed", Duration.ofSeconds(30));
  }

  @Test
  void aRunningJobThatIsCancelledStopsAndReleasesItsBrowserAndStaysCancelled() throws Exception {
    String jobId = system.submit(waiting(30_000, 90));
    system.awaitStatus(jobId, "processing", Duration.ofSeconds(30));

    long cancelledAt = System.nanoTime();
    cancel("POST", jobId);
    system.awaitStatus(jobId, "cancelled", Duration.ofSeconds(10));
    // The only slot ran the 30 s job: the next job can start only once the browser was released.
    String next = system.submit(job(system.siteUrl, "[{\"action\":\"screenshot\"}]", 90, 30_000, 0));
    JsonNode completed = system.awaitStatus(next, "completed", Duration.ofSeconds(20));
    long releasedWithinMs = (System.nanoTime() - cancelledAt) / 1_000_000;
    // Well before the 30 s job would have ended: it was stopped.
    assertThat(releasedWithinMs).as("ms from the cancel to the next job's completion").isLessThan(20_000);
    assertThat(completed.path("retryCount").asInt()).isZero();

    // Whatever the stopped attempt still reports must not change the job: it stays cancelled.
    org.awaitility.Awaitility.await("the job stays cancelled, with no result")
        .during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          JsonNode still = system.job(jobId);
          return still.path("status").asString().equals("cancelled")
              && (still.path("result").isNull() || still.path("result").isMissingNode());
        });

    // A finished job cannot be cancelled: a 409 problem, and nothing changes.
    for (String finished : List.of(jobId, next)) {
      var again = system.send("POST", "/jobs/" + finished + "/cancel", system.clientKey, null);
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }
    assertThat(system.job(next).path("status").asString()).isEqualTo("completed");
  }

  @Test
  void aCancelledPendingJobNeverStarts() throws Exception {
    String blocker = system.submit(waiting(3_000, 90));
    system.awaitStatus(blocker, "processing", Duration.ofSeconds(30));
    String queued = system.submit(job(system.siteUrl, "[{\"action\":\"screenshot\"}]", 90, 30_000, 0));
    system.awaitStatus(queued, "pending", Duration.ofSeconds(5));
    cancel("DELETE", queued);
    system.awaitStatus(queued, "cancelled", Duration.ofSeconds(10));

    system.awaitStatus(blocker, "completed", Duration.ofSeconds(30));
    String after = system.submit(job(system.siteUrl, "[{\"action\":\"screenshot\"}]", 90, 30_000, 0));
    system.awaitStatus(after, "completed", Duration.ofSeconds(30));
    JsonNode cancelled = system.job(queued);
    assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
    assertThat(cancelled.path("startedAt").isNull() || cancelled.path("startedAt").isMissingNode()).isTrue();
    assertThat(cancelled.path("artifacts")).isEmpty();
  }

  @Test
  void aJobForAnEngineWithoutLiveWorkersFailsAfterTheQueueTimeoutNamingTheEngine() throws Exception {
    String jobId = system.submit("""
        {"browserTypeId":3,"targetUrl":"%s","actions":[{"action":"screenshot"}]}
        """.formatted(system.siteUrl));

    JsonNode failed = system.awaitStatus(jobId, "failed", TestSystem.QUEUE_TIMEOUT.plusSeconds(20));
    assertThat(failed.path("errorMessage").asString()).isEqualTo("no live firefox worker took the job within 4 s");
    assertThat(failed.path("startedAt").isNull() || failed.path("startedAt").isMissingNode()).isTrue();
  }

  @Test
  void whenTheSlotFreesUpQueuedJobsStartByPriorityBandThenInSubmissionOrder() throws Exception {
    String blocker = system.submit(waiting(3_000, 50));
    system.awaitStatus(blocker, "processing", Duration.ofSeconds(30));
    var byPriority = new java.util.LinkedHashMap<String, Integer>();
    for (int priority : new int[] {5, 50, 95, 10, 60, 99}) {
      byPriority.put(system.submit(job(system.siteUrl, "[{\"action\":\"wait\",\"ms\":10}]", priority, 30_000, 0)), priority);
    }
    var started = new ArrayList<Map.Entry<Instant, Integer>>();
    for (var entry : byPriority.entrySet()) {
      JsonNode done = system.awaitStatus(entry.getKey(), "completed", Duration.ofSeconds(60));
      started.add(Map.entry(Instant.parse(done.path("startedAt").asString()), entry.getValue()));
    }
    started.sort(Map.Entry.comparingByKey());
    assertThat(started).extracting(Map.Entry::getValue).containsExactly(95, 99, 50, 60, 5, 10);
  }

  @Test
  void garbageProducedStraightToKafkaIsDeadLetteredAndAValidJobAfterItCompletes() throws Exception {
    Instant before = Instant.now();
    for (int i = 0; i < 100; i++) {
      String garbage = switch (i % 4) {
        case 0 -> "not json at all " + i;
        case 1 -> "{\"type\":\"job.launch\",\"n\":" + i + "}";
        case 2 -> "[1,2,3]";
        default -> "{\"type\":\"job.submit\",\"jobId\":";
      };
      produce("bf.job-commands", "garbage-" + i, garbage);
    }
    String jobId = UUID.randomUUID().toString();
    String submit = """
        {"type":"job.submit","jobId":"%s","clientId":"acme","browserTypeId":1,"targetUrl":"%s",
         "actions":[{"action":"screenshot"}],"priority":10,"waitUntil":"load"}
        """.formatted(jobId, system.siteUrl);
    produce("bf.job-commands", jobId, submit);
    produce("bf.job-commands", jobId, submit); // the same job id twice: one job

    JsonNode completed = system.awaitStatus(jobId, "completed", Duration.ofSeconds(60));
    assertThat(completed.path("artifacts")).hasSize(1);
    assertThat(system.count("SELECT count(*) FROM automation_jobs WHERE id = ?::uuid", jobId)).isEqualTo(1);
    assertThat(system.count("SELECT count(*) FROM job_artifacts WHERE job_id = ?::uuid", jobId)).isEqualTo(1);

    List<ConsumerRecord<String, String>> dead = deadLettersSince(before);
    assertThat(dead.stream().filter(r -> r.key() != null && r.key().startsWith("garbage-"))).hasSize(100);
    assertThat(dead).filteredOn(r -> "garbage-1".equals(r.key())).singleElement().satisfies(r -> {
      assertThat(header(r, "bf-dlt-reason")).contains("job.launch");
      assertThat(header(r, "bf-dlt-source-topic")).isEqualTo("bf.job-commands");
    });
  }

  @Test
  void aCommandThatParsesButIsInvalidBecomesAFailedJobNamingTheField() throws Exception {
    String unknownAction = UUID.randomUUID().toString();
    produce("bf.job-commands", unknownAction, """
        {"type":"job.submit","jobId":"%s","clientId":"acme","browserTypeId":1,"targetUrl":"%s",
         "actions":[{"action":"teleport"}]}
        """.formatted(unknownAction, system.siteUrl));
    String unknownType = UUID.randomUUID().toString();
    produce("bf.job-commands", unknownType, """
        {"type":"job.submit","jobId":"%s","clientId":"acme","browserTypeId":42,"targetUrl":"%s","actions":[]}
        """.formatted(unknownType, system.siteUrl));
    String badUrl = UUID.randomUUID().toString();
    produce("bf.job-commands", badUrl, """
        {"type":"job.submit","jobId":"%s","clientId":"acme","browserTypeId":1,"targetUrl":"file:///etc/passwd","actions":[]}
        """.formatted(badUrl));
    String metadata = UUID.randomUUID().toString();
    produce("bf.job-commands", metadata, """
        {"type":"job.submit","jobId":"%s","clientId":"acme","browserTypeId":1,"targetUrl":"http://169.254.169.254/latest/meta-data/","actions":[]}
        """.formatted(metadata));

    assertThat(system.awaitStatus(unknownAction, "failed", Duration.ofSeconds(30)).path("errorMessage").asString())
        .startsWith("actions[0]").contains("teleport");
    assertThat(system.awaitStatus(unknownType, "failed", Duration.ofSeconds(30)).path("errorMessage").asString())
        .startsWith("browserTypeId");
    assertThat(system.awaitStatus(badUrl, "failed", Duration.ofSeconds(30)).path("errorMessage").asString())
        .startsWith("targetUrl");
    assertThat(system.awaitStatus(metadata, "failed", Duration.ofSeconds(30)).path("errorMessage").asString())
        .startsWith("targetUrl");
  }

  private static List<ConsumerRecord<String, String>> deadLettersSince(Instant since) {
    var records = new ArrayList<ConsumerRecord<String, String>>();
    try (var consumer = new KafkaConsumer<String, String>(
        Map.of("bootstrap.servers", system.kafkaBootstrap), new StringDeserializer(), new StringDeserializer())) {
      var partitions = consumer.partitionsFor("bf.dead-letters").stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.timestamp() >= since.toEpochMilli()) {
            records.add(record);
          }
        }
      }
    }
    return records;
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
