package dev.browserfleet.worker.messaging;

import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.contracts.event.AttemptFailed;
import dev.browserfleet.contracts.event.AttemptReleased;
import dev.browserfleet.contracts.event.AttemptReport;
import dev.browserfleet.contracts.event.AttemptStarted;
import dev.browserfleet.contracts.event.AttemptSucceeded;
import dev.browserfleet.contracts.event.WorkerStopped;
import dev.browserfleet.testing.SharedInfrastructure;
import dev.browserfleet.testing.TopicProbe;
import dev.browserfleet.worker.support.TestPages;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A worker that stops cleanly hands a job it could not finish back to the lane; no job is lost. */
class ShutdownTest {

  @Test
  void aJobStillRunningAfterTheGracePeriodIsHandedBackAndAnotherWorkerRunsIt() throws Exception {
    String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
    var job = anAssignment().to(TestPages.url("form.html")).withTimeoutMs(20_000).doing(new Wait(3_000)).build();
    var first = Workers.chromium(bootstrap, "first", Duration.ofMillis(300));
    var second = Workers.chromium(bootstrap, "second", Duration.ofMillis(300));
    try (var reports = TopicProbe.of(Topics.ATTEMPT_REPORTS, bootstrap);
        var workerEvents = TopicProbe.of(Topics.WORKER_EVENTS, bootstrap)) {
      Workers.started(first);
      Workers.queue("low", job);
      reports.awaitOne(r -> r instanceof AttemptStarted && r.jobId().equals(job.jobId()), Duration.ofSeconds(30));

      first.stop(); // grace 300 ms, the job needs 3 s
      // The slot handed the job back itself: an interrupt would cut the hand-back short, and the
      // job would wait for the broker to take it from the closed consumer.
      assertThat(first.slotsInterruptedAtStop()).isZero();

      workerEvents.awaitOne(e -> e instanceof WorkerStopped, Duration.ofSeconds(10));
      assertThat(reports.values()).noneMatch(r -> r.jobId().equals(job.jobId())
          && (r instanceof AttemptSucceeded || r instanceof AttemptFailed));
      // It said so, so that the next start elsewhere is a hand-back and not a lost worker.
      var released = (AttemptReleased) reports.awaitOne(
          r -> r instanceof AttemptReleased && r.jobId().equals(job.jobId()), Duration.ofSeconds(10));
      assertThat(released.reason()).contains("is stopping");

      Workers.started(second);
      reports.awaitOne(r -> r instanceof AttemptSucceeded && r.jobId().equals(job.jobId()), Duration.ofSeconds(30));
      List<AttemptReport> started = reports.values().stream()
          .filter(r -> r instanceof AttemptStarted && r.jobId().equals(job.jobId())).toList();
      assertThat(started).hasSize(2);
      assertThat(started.get(0).workerId()).isNotEqualTo(started.get(1).workerId());
    } finally {
      first.stop();
      second.stop();
    }
  }
}
