package dev.browserfleet.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.event.AttemptReport;
import dev.browserfleet.contracts.event.AttemptStarted;
import dev.browserfleet.contracts.event.AttemptSucceeded;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.testing.SharedInfrastructure;
import dev.browserfleet.testing.TopicProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How free slots take jobs from the lanes: higher bands first, and never more than they can run. */
class LaneSchedulingTest {

  private static JobAssignment quick() {
    return Workers.waiting(10);
  }

  private static JobAssignment slow(int ms) {
    return Workers.waiting(ms);
  }

  @Test
  void whenASlotFreesUpEveryQueuedJobOfAHigherBandStartsBeforeAnyOfALowerBand() throws Exception {
    String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
    var worker = Workers.chromium(bootstrap, "priority", Duration.ofSeconds(5));
    try (var reports = TopicProbe.of(Topics.ATTEMPT_REPORTS, bootstrap)) {
      Workers.started(worker);
      // Busy until every job below is queued: it is revoked then (a running attempt stops within a
      // second or two). A blocker of a few seconds ended, on a loaded machine, before all six were
      // queued, and the slot rightly took a "normal" job while the "high" one was not there yet.
      JobAssignment blocker = slow(180_000);
      Workers.queue("low", blocker);
      reports.awaitOne(r -> r instanceof AttemptStarted && r.jobId().equals(blocker.jobId()), Duration.ofSeconds(120));

      // Queued while the only slot is busy, lowest band first.
      var band = new java.util.HashMap<JobId, String>();
      for (int round = 0; round < 2; round++) {
        for (String lane : List.of("low", "normal", "high")) {
          JobAssignment job = quick();
          band.put(job.jobId(), lane);
          Workers.queue(lane, job);
        }
      }
      Workers.revoke(blocker, "every job is queued");
      for (JobId id : band.keySet()) {
        reports.awaitOne(r -> r instanceof AttemptSucceeded && r.jobId().equals(id), Duration.ofSeconds(60));
      }

      List<String> startOrder = new ArrayList<>();
      for (AttemptReport report : reports.values()) {
        if (report instanceof AttemptStarted && band.containsKey(report.jobId())) {
          startOrder.add(band.get(report.jobId()));
        }
      }
      assertThat(startOrder).containsExactly("high", "high", "normal", "normal", "low", "low");
    } finally {
      worker.stop();
    }
  }

  @Test
  void aBusySlotHoldsNoQueuedJobSoAFreeSlotElsewhereStartsIt() throws Exception {
    String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
    var busy = Workers.chromium(bootstrap, "busy", Duration.ofSeconds(5));
    var free = Workers.chromium(bootstrap, "free", Duration.ofSeconds(5));
    // Far longer than the rest take even on a loaded machine (on CI three tiny jobs once took 22 s
    // to start after the warm-up); revoked once they have started, so it costs no time.
    JobAssignment blocker = slow(180_000);
    try (var reports = TopicProbe.of(Topics.ATTEMPT_REPORTS, bootstrap)) {
      Workers.started(busy);
      Workers.queue("low", blocker);
      AttemptReport blockerStart = reports.awaitOne(
          r -> r instanceof AttemptStarted && r.jobId().equals(blocker.jobId()), Duration.ofSeconds(120));
      Workers.started(free);
      // The free worker is taking jobs once it ran one (the busy one cannot have).
      JobAssignment warmUp = quick();
      Workers.queue("low", warmUp);
      reports.awaitOne(r -> r instanceof AttemptSucceeded && r.jobId().equals(warmUp.jobId()), Duration.ofSeconds(120));

      // The busy slot's lanes other than the blocker's were polled empty before it took the
      // blocker: jobs that arrive now may be fetched by them in the background, and must be handed
      // straight back rather than wait behind the blocker.
      Map<String, JobAssignment> queued = Map.of("high", quick(), "normal", quick(), "low", quick());
      queued.forEach(Workers::queue);

      for (JobAssignment job : queued.values()) {
        AttemptReport started = reports.awaitOne(
            r -> r instanceof AttemptStarted && r.jobId().equals(job.jobId()), Duration.ofSeconds(90));
        assertThat(started.workerId()).as(() -> "started by the free worker; reports: " + reports.values().stream()
            .map(r -> r.getClass().getSimpleName() + " " + r.jobId() + " " + r.workerId() + " " + r.occurredAt()).toList()
            + "; blocker " + blocker.jobId() + ", warm-up " + warmUp.jobId() + ", queued " + queued)
            .isNotEqualTo(blockerStart.workerId());
      }
      assertThat(reports.values()).as("all of them while the blocker still runs")
          .noneMatch(r -> r instanceof AttemptSucceeded && r.jobId().equals(blocker.jobId()));
    } finally {
      // Otherwise the stopping worker hands the blocker back, and the workers of later tests run it.
      Workers.revoke(blocker, "the test is over");
      busy.stop();
      free.stop();
    }
  }
}
