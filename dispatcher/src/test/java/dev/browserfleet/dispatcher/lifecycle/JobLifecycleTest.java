package dev.browserfleet.dispatcher.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.command.CancelJob;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.event.AttemptStarted;
import dev.browserfleet.contracts.event.AttemptSucceeded;
import dev.browserfleet.contracts.event.JobResult;
import dev.browserfleet.contracts.event.WorkerEvent;
import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pure state machine, without Kafka Streams: what each input decides. */
class JobLifecycleTest {

  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  private static final WorkerId W1 = WorkerId.ofSlot("w1", "chromium", 0);
  private static final WorkerRoster NOBODY = new WorkerRoster() {
    @Override
    public Optional<WorkerEvent> lastWord(WorkerId worker) {
      return Optional.empty();
    }

    @Override
    public boolean anyLive(Engine engine, Instant now, Duration lostAfter) {
      return false;
    }
  };

  private final JobLifecycle lifecycle = new JobLifecycle(new LaneRouter(PriorityBands.DEFAULT),
      new LifecyclePolicy(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), () -> 0.5),
          Duration.ofSeconds(30), Duration.ofSeconds(10)),
      UUID::randomUUID);

  private JobState submitted(JobId id) {
    var job = new SubmitJob(id, "acme", 1, "https://example.com/", List.of(), null, 80, null, 1, T0);
    return lifecycle.submit(null, job, SeedBrowserTypes.all().getFirst(), T0).state();
  }

  @Test
  void anAdmittedJobIsQueuedOnItsLaneWithAQueueTimeout() {
    var id = JobId.random();
    var job = new SubmitJob(id, "acme", 1, "https://example.com/", List.of(), null, 80, null, 1, T0);
    Decision decision = lifecycle.submit(null, job, SeedBrowserTypes.all().getFirst(), T0);
    assertThat(decision.state().phase()).isEqualTo(JobPhase.QUEUED);
    assertThat(decision.outputs()).filteredOn(Output.Assign.class::isInstance).singleElement()
        .satisfies(o -> assertThat(((Output.Assign) o).laneTopic()).isEqualTo("bf.lane.chromium.high"));
    assertThat(decision.outputs()).filteredOn(Output.Schedule.class::isInstance).singleElement()
        .satisfies(o -> assertThat(((Output.Schedule) o).timer())
            .isEqualTo(new Timer(T0.plusSeconds(30), Timer.Kind.QUEUE_TIMEOUT, id, 1, null)));
  }

  @Test
  void aLateSuccessAfterACancellationIsIgnoredAndTheStateStaysCancelled() {
    var id = JobId.random();
    JobState running = lifecycle.report(submitted(id), new AttemptStarted(UUID.randomUUID(), id, 1, W1, T0), T0).state();
    JobState cancelled = lifecycle.cancel(running, new CancelJob(id, "acme", null, T0), T0).state();
    assertThat(cancelled.phase()).isEqualTo(JobPhase.CANCELLED);

    Decision late = lifecycle.report(cancelled,
        new AttemptSucceeded(UUID.randomUUID(), id, 1, W1, T0, new JobResult(List.of(), null, null, null, null)), T0);
    assertThat(late.isIgnored()).isTrue();
    assertThat(late.state()).isNull();
    assertThat(late.outputs()).isEmpty();
    assertThat(late.ignoredBecause()).contains("CANCELLED");
  }

  @Test
  void aStaleTimerChangesNothing() {
    var id = JobId.random();
    JobState queued = submitted(id);
    Decision stale = lifecycle.timer(queued, new Timer(T0, Timer.Kind.RETRY, id, 2, null), NOBODY, T0.plusSeconds(1));
    assertThat(stale.isIgnored()).isTrue();
    Decision notInBackoff = lifecycle.timer(queued, new Timer(T0, Timer.Kind.RETRY, id, 1, null), NOBODY, T0.plusSeconds(1));
    assertThat(notInBackoff.isIgnored()).isTrue();
  }

  @Test
  void aWorkerWhoseLastWordIsAStopIsNotLive() {
    var stopped = new dev.browserfleet.contracts.event.WorkerStopped(UUID.randomUUID(), W1, T0, "w1", Engine.CHROMIUM);
    assertThat(WorkerRoster.isLive(stopped, T0, Duration.ofMinutes(1))).isFalse();
    var beat = new dev.browserfleet.contracts.event.WorkerHeartbeat(UUID.randomUUID(), W1, T0, "w1", Engine.CHROMIUM,
        dev.browserfleet.contracts.WorkerStatus.IDLE, null, null, T0);
    assertThat(WorkerRoster.isLive(beat, T0.plusSeconds(60), Duration.ofMinutes(1))).isTrue();
    assertThat(WorkerRoster.isLive(beat, T0.plusSeconds(61), Duration.ofMinutes(1))).isFalse();
  }
}
