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
import java.time.Duration;
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

  private static void revoke(JobAssignment job, String reason) {
    var revocation = new AttemptRevoked(job.jobId(), job.attempt(), null, reason, Instant.now());
    TestKafka.send(Topics.ATTEMPT_REVOCATIONS, revocation.key(), revocation);
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
      revoke(longJob, "cancelled by client acme");
      JobAssignment next = Workers.waiting(10);
      Workers.queue("high", next);
      reports.awaitOne(r -> r instanceof AttemptStarted && r.jobId().equals(next.jobId()), Duration.ofSeconds(20));
      long stoppedWithinMs = (System.nanoTime() - revokedAt) / 1_000_000;
      // The slot's only browser ran the 30 s job: the next one could start only once it was stopped.
      assertThat(stoppedWithinMs).as("ms from revocation to the next job's start").isLessThan(5_000);
      reports.awaitOne(r -> r instanceof AttemptSucceeded && r.jobId().equals(next.jobId()), Duration.ofSeconds(20));

      TimeUnit.SECONDS.sleep(1);
      reports.poll();
      assertThat(reports.values()).as("nothing more is reported of the revoked attempt, nor does it run again")
          .filteredOn(r -> r.jobId().equals(longJob.jobId()))
          .noneMatch(r -> r instanceof AttemptSucceeded || r instanceof AttemptFailed)
          .filteredOn(r -> r instanceof AttemptStarted).hasSize(1);
    } finally {
      worker.stop();
    }
  }

  @Test
  void anAttemptRevokedBeforeAnyWorkerTookItNeverStartsEvenOnAWorkerStartedAfterwards() throws Exception {
    String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
    JobAssignment cancelled = Workers.waiting(10);
    revoke(cancelled, "cancelled by client acme");
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
}
