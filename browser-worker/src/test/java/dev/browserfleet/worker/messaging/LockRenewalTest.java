package dev.browserfleet.worker.messaging;

import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.contracts.event.AttemptReport;
import dev.browserfleet.contracts.event.AttemptStarted;
import dev.browserfleet.contracts.event.AttemptSucceeded;
import dev.browserfleet.contracts.lane.Lane;
import dev.browserfleet.testing.SharedInfrastructure;
import dev.browserfleet.testing.TestKafka;
import dev.browserfleet.testing.TopicProbe;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * A job that runs longer than the share group's acquisition lock keeps its record: the slot renews
 * the lock, so that the other idle slot never gets the same job.
 */
class LockRenewalTest {

  // The broker's minimum lock duration (group.share.min.record.lock.duration.ms).
  private static final int LOCK_MS = 15_000;

  @Test
  void aJobLongerThanTheLockRunsOnceBecauseItsSlotRenewsTheLock() throws Exception {
    String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
    var group = new ConfigResource(ConfigResource.Type.GROUP, WorkerKafka.shareGroupOf(Engine.CHROMIUM));
    setLockDuration(bootstrap, group, AlterConfigOp.OpType.SET);
    var settings = new LaneWorker.Settings("renewal-test-" + UUID.randomUUID().toString().substring(0, 8),
        bootstrap, 2, 50, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(LOCK_MS), 3, (short) 1, dev.browserfleet.contracts.lane.PriorityBands.DEFAULT);
    var worker = new LaneWorker(settings, List.of(TestBrowsers.chromium()), TestBrowsers.runner(true),
        Clock.systemUTC());
    try (var reports = TopicProbe.of(Topics.ATTEMPT_REPORTS, bootstrap)) {
      worker.start();
      waitUntilUp(worker);
      var job = anAssignment().to(TestPages.url("form.html")).withTimeoutMs(40_000)
          .doing(new Wait(LOCK_MS + 3_000),
              new Extract("title", "h1", null, null, null, null, null, null, null)).build();

      TestKafka.send(Topics.lane(new Lane(Engine.CHROMIUM, "high")), job.jobId().toString(), job);

      reports.awaitOne(r -> r instanceof AttemptSucceeded && r.jobId().equals(job.jobId()), Duration.ofSeconds(40));
      // Had the lock lapsed, the idle slot would have started the job a second time by now.
      List<AttemptReport> started = reports.values().stream()
          .filter(r -> r instanceof AttemptStarted && r.jobId().equals(job.jobId())).toList();
      assertThat(started).hasSize(1);
      // and the record was accepted: nobody gets it again
      org.awaitility.Awaitility.await("the job is started once, and only once")
          .during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> {
            reports.poll();
            return reports.values().stream()
                .filter(r -> r instanceof AttemptStarted && r.jobId().equals(job.jobId())).count() == 1;
          });
    } finally {
      worker.stop();
      setLockDuration(bootstrap, group, AlterConfigOp.OpType.DELETE);
    }
  }

  private static void waitUntilUp(LaneWorker worker) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!worker.health().isUp()) {
      assertThat(System.nanoTime()).as("worker up within 60 s").isLessThan(until);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private static void setLockDuration(String bootstrap, ConfigResource group, AlterConfigOp.OpType op)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      var entry = new ConfigEntry("share.record.lock.duration.ms", Integer.toString(LOCK_MS));
      admin.incrementalAlterConfigs(Map.of(group, List.of(new AlterConfigOp(entry, op)))).all()
          .get(30, TimeUnit.SECONDS);
    }
  }
}
