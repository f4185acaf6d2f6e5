package dev.browserfleet.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.event.AttemptFailed;
import dev.browserfleet.contracts.event.AttemptReport;
import dev.browserfleet.contracts.event.AttemptStarted;
import dev.browserfleet.contracts.event.AttemptSucceeded;
import dev.browserfleet.contracts.lane.AttemptRevoked;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.testing.SharedInfrastructure;
import dev.browserfleet.testing.TestKafka;
import dev.browserfleet.testing.TopicProbe;
import dev.browserfleet.contracts.JobId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Attempts the dispatcher revokes (cancelled jobs, lost or failed ones) never start, or stop. */
class RevocationTest {

  @BeforeAll
  static void topics() {
    TestKafka.createTopics(Topics.all(PriorityBands.DEFAULT));
  }

  @Test
  void aRunningAttemptThatIsRevokedStopsWithinASecondOrTwoAndItsSlotTakesTheNextJob() throws Exception {
    String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
    var worker = Workers.chromium(bootstrap, "revoke-running", Duration.ofSeconds(5));
    try (var reports = TopicProbe.of(Topics.ATTEMPT_REPORTS, bootstrap)) {
      Workers.started(worker);
      JobAssignment longJob = Workers.waiting(30_000);
      Workers.queue("high", longJob);
      reports.awaitOne(r -> r instanceof AttemptStarted && r.jobId().equals(longJob.jobId()), Duration.ofSeconds(30));

      long revokedAt = System.nanoTime();
      Workers.revoke(longJob, "cancelled by client acme");
      JobAssignment next = Workers.waiting(10);
      Workers.queue("high", next);
      reports.awaitOne(r -> r instanceof AttemptStarted && r.jobId().equals(next.jobId()), Duration.ofSeconds(20));
      long stoppedWithinMs = (System.nanoTime() - revokedAt) / 1_000_000;
      // The slot's only browser ran the 30 s job: the next one could start only once it was stopped
      // (well before the job would have ended; how soon is the benchmark's business, not a test's).
      assertThat(stoppedWithinMs).as("ms from revocation to the next job's start").isLessThan(15_000);
      reports.awaitOne(r -> r instanceof AttemptSucceeded && r.jobId().equals(next.jobId()), Duration.ofSeconds(20));

      org.awaitility.Awaitility.await("nothing more is reported of the revoked attempt, nor does it run again")
          .during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> {
            reports.poll();
            var ofLongJob = reports.values().stream().filter(r -> r.jobId().equals(longJob.jobId())).toList();
            return ofLongJob.stream().noneMatch(r -> r instanceof AttemptSucceeded || r instanceof AttemptFailed)
                && ofLongJob.stream().filter(r -> r instanceof AttemptStarted).count() == 1;
          });
    } finally {
      worker.stop();
    }
  }

  @Test
  void anAttemptRevokedBeforeAnyWorkerTookItNeverStartsEvenOnAWorkerStartedAfterwards() throws Exception {
    String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
    JobAssignment cancelled = Workers.waiting(10);
    Workers.revoke(cancelled, "cancelled by client acme");
    Workers.queue("normal", cancelled);
    JobAssignment after = Workers.waiting(10);
    Workers.queue("normal", after);

    var worker = Workers.chromium(bootstrap, "revoke-queued", Duration.ofSeconds(5));
    try (var reports = TopicProbe.of(Topics.ATTEMPT_REPORTS, bootstrap)) {
      Workers.started(worker);
      reports.awaitOne(r -> r instanceof AttemptSucceeded && r.jobId().equals(after.jobId()), Duration.ofSeconds(30));
      assertThat(reports.values()).noneMatch(r -> r.jobId().equals(cancelled.jobId()));
    } finally {
      worker.stop();
    }
  }

  @Test
  void revocationsAreKeptAsLongAsTheLaneRecordsTheyStopAndThenForgotten() throws Exception {
    String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      var topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ATTEMPT_REVOCATIONS.name());
      Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact,delete");
      assertThat(config.get("retention.ms").value()).isEqualTo(String.valueOf(Duration.ofDays(7).toMillis()));
    }
    var longAgo = new AttemptRevoked(JobId.random(), 1, null, "cancelled", Instant.now().minus(Duration.ofDays(8)));
    var lately = new AttemptRevoked(JobId.random(), 1, null, "cancelled", Instant.now());
    TestKafka.send(Topics.ATTEMPT_REVOCATIONS, longAgo.key(), longAgo);
    TestKafka.send(Topics.ATTEMPT_REVOCATIONS, lately.key(), lately);

    try (var revocations = new Revocations(bootstrap, "revocations-kept")) {
      revocations.start();
      assertThat(revocations.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      assertThat(revocations.forEveryone(longAgo.jobId(), 1)).isPresent();

      revocations.forgetOlderThan(Instant.now().minus(Topics.REVOCATIONS_KEPT));

      assertThat(revocations.forEveryone(longAgo.jobId(), 1)).isEmpty();
      assertThat(revocations.forEveryone(lately.jobId(), 1)).contains(lately);
    }
  }
}
