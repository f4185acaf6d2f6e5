package dev.browserfleet.worker.messaging;

import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.contracts.event.AttemptFailed;
import dev.browserfleet.contracts.event.AttemptReport;
import dev.browserfleet.contracts.event.AttemptStarted;
import dev.browserfleet.contracts.event.AttemptSucceeded;
import dev.browserfleet.contracts.event.WorkerStopped;
import dev.browserfleet.contracts.lane.Lane;
import dev.browserfleet.testing.SharedInfrastructure;
import dev.browserfleet.testing.TestKafka;
import dev.browserfleet.testing.TopicProbe;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A worker that stops cleanly hands a job it could not finish back to the lane; no job is lost. */
class ShutdownTest {

  @Test
  void aJobStillRunningAfterTheGracePeriodIsHandedBackAndAnotherWorkerRunsIt() throws Exception {
    String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
    var job = anAssignment().to(TestPages.url("form.html")).withTimeoutMs(20_000).doing(new Wait(3_000)).build();
    var first = worker(bootstrap, "first");
    var second = worker(bootstrap, "second");
    try (var reports = TopicProbe.of(Topics.ATTEMPT_REPORTS, bootstrap);
        var workerEvents = TopicProbe.of(Topics.WORKER_EVENTS, bootstrap)) {
      first.start();
      waitUntilUp(first);
      TestKafka.send(Topics.lane(new Lane(Engine.CHROMIUM, "low")), job.jobId().toString(), job);
      reports.awaitOne(r -> r instanceof AttemptStarted && r.jobId().equals(job.jobId()), Duration.ofSeconds(30));

      first.stop(); // grace 300 ms, the job needs 3 s

      workerEvents.awaitOne(e -> e instanceof WorkerStopped, Duration.ofSeconds(10));
      assertThat(reports.values()).noneMatch(r -> r.jobId().equals(job.jobId())
          && (r instanceof AttemptSucceeded || r instanceof AttemptFailed));

      second.start();
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

  private static LaneWorker worker(String bootstrap, String name) {
    var settings = new LaneWorker.Settings(name + "-" + UUID.randomUUID().toString().substring(0, 8), bootstrap, 1,
        50, Duration.ofSeconds(5), Duration.ofMillis(300), 3, (short) 1, dev.browserfleet.contracts.lane.PriorityBands.DEFAULT);
    return new LaneWorker(settings, List.of(TestBrowsers.chromium()), TestBrowsers.runner(true), Clock.systemUTC());
  }

  private static void waitUntilUp(LaneWorker worker) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!worker.health().isUp()) {
      assertThat(System.nanoTime()).as("worker up within 60 s").isLessThan(until);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }
}
