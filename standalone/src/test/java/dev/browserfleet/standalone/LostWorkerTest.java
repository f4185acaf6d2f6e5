package dev.browserfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A worker killed with SIGKILL in the middle of a job: its job runs again on another worker, as a
 * retry, and completes exactly once. The killed worker is a JVM of its own, started the way an
 * operator adds one: {@code bin/browserfleet worker} against the running system.
 */
class LostWorkerTest {

  private static TestSystem system;

  @BeforeAll
  static void start() {
    system = TestSystem.get();
  }

  @Test
  void aJobWhoseWorkerIsKilledMidJobCompletesExactlyOnceOnAnotherWorkerCountedAsARetry() throws Exception {
    // The system's own slot is kept busy, so that the job can only go to the external worker; it is
    // freed (the blocker cancelled) once that worker is dead, to run the job again.
    String blocker = system.submit(waiting(120_000));
    system.awaitStatus(blocker, "processing", Duration.ofSeconds(30));

    String instance = "external-" + UUID.randomUUID().toString().substring(0, 8);
    // Short: Chromium's sockets live under it, and a Unix socket path has at most 107 bytes.
    Path tmp = Files.createTempDirectory("bfw");
    Process worker = startWorker(instance, tmp);
    List<ProcessHandle> processes = new ArrayList<>();
    try {
      awaitIdleWorker(instance, worker);
      String jobId = system.submit(waiting(3_000));
      system.awaitStatus(jobId, "processing", Duration.ofSeconds(30));
      awaitRunningOn(instance, jobId);

      processes.addAll(processTree(worker));
      worker.toHandle().destroyForcibly(); // SIGKILL: no hand-back, no goodbye
      worker.waitFor(10, TimeUnit.SECONDS);
      assertThat(system.send("POST", "/jobs/" + blocker + "/cancel", system.clientKey, null).statusCode()).isEqualTo(202);

      JsonNode completed = system.awaitStatus(jobId, "completed", Duration.ofSeconds(60));
      assertThat(completed.path("retryCount").asInt()).isEqualTo(1);
      assertThat(succeededEvents(jobId)).as("job.succeeded events of the job").isEqualTo(1);
      // The broker notices the dropped connection and hands the job's record to the other worker at
      // once (the takeover); had it not, the dispatcher would have seen the worker fall silent.
      assertThat(system.count("SELECT count(*) FROM job_logs WHERE job_id = ?::uuid AND level = 'warn'"
          + " AND (message LIKE '%lost its hold on attempt 1%' OR message LIKE '%has been silent since%')", jobId))
          .as(logsOf(jobId)).isEqualTo(1);
      awaitOffline(instance);
    } finally {
      system.send("POST", "/jobs/" + blocker + "/cancel", system.clientKey, null); // if it still runs
      Path log = tmp.resolve("worker.log");
      if (Files.exists(log)) {
        List<String> lines = Files.readAllLines(log);
        System.out.println("--- the external worker's log, last lines ---");
        lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
      }
      // Whatever happened above: the worker, its driver and browsers (orphaned by a kill) go, then
      // their files.
      processes.addAll(processTree(worker));
      processes.forEach(ProcessHandle::destroyForcibly);
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!processes.stream().allMatch(p -> !p.isAlive() || isZombie(p)) && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      deleteTree(tmp);
    }
    assertThat(processes).allMatch(p -> !p.isAlive() || isZombie(p), "no process of the killed worker runs on");
  }

  /** The worker process and every process under it, while it still has them. */
  private static List<ProcessHandle> processTree(Process worker) {
    var tree = new ArrayList<ProcessHandle>();
    tree.add(worker.toHandle());
    tree.addAll(worker.toHandle().descendants().toList());
    return tree;
  }

  private static String logsOf(String jobId) throws Exception {
    return system.send("GET", "/jobs/" + jobId, system.clientKey, null).body() + " logs: " + system.logs(jobId);
  }

  private static String waiting(int ms) {
    return """
        {"browserTypeId":1,"targetUrl":"%s","actions":[{"action":"wait","ms":%d}],"priority":70,"timeoutMs":60000,"maxRetries":3,"waitUntil":"load"}
        """.formatted(system.siteUrl, ms);
  }

  private static Process startWorker(String instance, Path tmp) throws IOException {
    return ExternalWorker.start(system, instance, tmp);
  }

  private static void awaitIdleWorker(String instance, Process worker) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (workers(instance, "idle") == 0) {
      assertThat(worker.isAlive()).as("the external worker runs (see its worker.log)").isTrue();
      assertThat(System.nanoTime()).as("the external worker heartbeats within 120 s").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static void awaitRunningOn(String instance, String jobId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (system.count("SELECT count(*) FROM browser_workers WHERE current_job_id = ?::uuid"
        + " AND metadata->>'instance' = '" + instance + "'", jobId) == 0) {
      assertThat(System.nanoTime()).as("the job runs on the external worker").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static void awaitOffline(String instance) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (workers(instance, "offline") == 0) {
      assertThat(System.nanoTime()).as("the killed worker is marked offline").isLessThan(deadline);
      Thread.sleep(200);
    }
    assertThat(workers(instance, "idle") + workers(instance, "busy")).isZero();
  }

  private static long workers(String instance, String status) throws SQLException {
    return system.count("SELECT count(*) FROM browser_workers WHERE metadata->>'instance' = ? AND status = '" + status + "'",
        instance);
  }

  private static long succeededEvents(String jobId) {
    long count = 0;
    try (var consumer = new KafkaConsumer<String, String>(
        Map.of("bootstrap.servers", system.kafkaBootstrap, "isolation.level", "read_committed"),
        new StringDeserializer(), new StringDeserializer())) {
      var partitions = consumer.partitionsFor("bf.job-events").stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (jobId.equals(record.key()) && record.value().contains("\"type\":\"job.succeeded\"")) {
            count++;
          }
        }
      }
    }
    return count;
  }

  private static boolean isZombie(ProcessHandle process) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
    } catch (IOException e) {
      return true; // gone
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (Files.exists(root)) {
      try (var paths = Files.walk(root)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
