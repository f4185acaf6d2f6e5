package dev.browserfleet.worker.messaging;

import dev.browserfleet.contracts.LogLevel;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.event.Artifact;
import dev.browserfleet.contracts.event.AttemptArtifactStored;
import dev.browserfleet.contracts.event.AttemptFailed;
import dev.browserfleet.contracts.event.AttemptLogged;
import dev.browserfleet.contracts.event.AttemptProgressed;
import dev.browserfleet.contracts.event.AttemptReleased;
import dev.browserfleet.contracts.event.AttemptReport;
import dev.browserfleet.contracts.event.AttemptReportBatch;
import dev.browserfleet.contracts.event.AttemptStarted;
import dev.browserfleet.contracts.event.AttemptSucceeded;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.worker.execution.AttemptOutcome;
import dev.browserfleet.worker.execution.AttemptReports;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;

/**
 * Reports one attempt to {@code bf.attempt-reports}, keyed by job id so that all of a job's
 * reports stay in order on one partition.
 *
 * <p>Every report but the outcome is held for at most {@link #HOLD} and goes out with the ones
 * that come meanwhile, in one record (an {@link AttemptReportBatch}; a report alone goes as itself):
 * the dispatcher commits a transaction for each record it reads, so a short job's start, logs,
 * progress and artifacts cost it one transaction with the outcome instead of one each, and the
 * outcome does not queue behind their commits. Held reports go out without waiting; the outcome is
 * produced durably, with what is still held, because the job is acknowledged only after it.
 */
final class KafkaAttemptReports implements AttemptReports {

  /** How long a report may wait for others: what a live view of a running job lags by at most. */
  static final Duration HOLD = Duration.ofMillis(200);

  private final WorkerKafka kafka;
  private final JobAssignment job;
  private final WorkerId workerId;
  private final Clock clock;
  // Reports not sent yet, oldest first, and the timer that sends them; guarded by this.
  private final List<AttemptReport> held = new ArrayList<>();
  private ScheduledFuture<?> sendHeld;

  KafkaAttemptReports(WorkerKafka kafka, JobAssignment job, WorkerId workerId, Clock clock) {
    this.kafka = kafka;
    this.job = job;
    this.workerId = workerId;
    this.clock = clock;
  }

  @Override
  public void started() {
    hold(new AttemptStarted(UUID.randomUUID(), job.jobId(), job.attempt(), workerId, clock.instant()));
  }

  @Override
  public void logged(LogLevel level, String message, Map<String, Object> metadata) {
    hold(new AttemptLogged(
        UUID.randomUUID(), job.jobId(), job.attempt(), workerId, clock.instant(), level, message, metadata));
  }

  @Override
  public void artifactStored(Artifact artifact) {
    hold(new AttemptArtifactStored(
        UUID.randomUUID(), job.jobId(), job.attempt(), workerId, clock.instant(), artifact));
  }

  @Override
  public void progressed(
      int index, int count, String action, String target, long durationMs, boolean success, String error) {
    hold(new AttemptProgressed(UUID.randomUUID(), job.jobId(), job.attempt(), workerId, clock.instant(), index, count,
        action, target, durationMs, success, error));
  }

  /**
   * Produces the outcome, with the reports still held, and waits until the broker has it.
   *
   * @throws WorkerKafka.ReportNotDeliveredException when it could not be produced
   */
  void finished(AttemptOutcome outcome) {
    AttemptReport report = switch (outcome) {
      case AttemptOutcome.Succeeded succeeded ->
          new AttemptSucceeded(
              UUID.randomUUID(), job.jobId(), job.attempt(), workerId, clock.instant(), succeeded.result());
      case AttemptOutcome.Failed failed ->
          new AttemptFailed(
              UUID.randomUUID(), job.jobId(), job.attempt(), workerId, clock.instant(),
              failed.failure().message(), failed.failure().retryable(), failed.result());
      case AttemptOutcome.Abandoned abandoned ->
          throw new IllegalArgumentException("an abandoned attempt is handed back, not reported");
      case AttemptOutcome.Revoked revoked ->
          throw new IllegalArgumentException("a revoked attempt has nothing left to report");
    };
    sendDurablyWithHeld(report);
  }

  /**
   * Says, and waits until the broker has it, that the attempt goes back to its lane unfinished,
   * so that the dispatcher counts the next start elsewhere as a hand-back and not a lost worker.
   */
  void handedBack(String reason) {
    sendDurablyWithHeld(
        new AttemptReleased(UUID.randomUUID(), job.jobId(), job.attempt(), workerId, clock.instant(), reason));
  }

  private synchronized void hold(AttemptReport report) {
    held.add(report);
    if (sendHeld == null) {
      try {
        sendHeld = kafka.later(this::sendHeld, HOLD);
      } catch (RejectedExecutionException closing) {
        sendHeld(); // the worker's clients are closing: no timer to wait for
      }
    }
  }

  /** Sends what is held, if anything: on the timer, when the oldest held report has waited its hold. */
  private synchronized void sendHeld() {
    List<AttemptReport> reports = takeHeld();
    if (!reports.isEmpty()) {
      kafka.send(Topics.ATTEMPT_REPORTS, key(), together(reports));
    }
  }

  private void sendDurablyWithHeld(AttemptReport last) {
    Future<?> sent;
    synchronized (this) {
      // Produced while this holds the lock, so that nothing the timer sends can come after it.
      List<AttemptReport> reports = takeHeld();
      reports.add(last);
      sent = kafka.sendForAck(Topics.ATTEMPT_REPORTS, key(), together(reports));
    }
    WorkerKafka.await(sent, Topics.ATTEMPT_REPORTS.name());
  }

  private List<AttemptReport> takeHeld() {
    var taken = new ArrayList<>(held);
    held.clear();
    if (sendHeld != null) {
      sendHeld.cancel(false);
      sendHeld = null;
    }
    return taken;
  }

  private static AttemptReport together(List<AttemptReport> reports) {
    return reports.size() == 1 ? reports.getFirst() : AttemptReportBatch.of(reports);
  }

  private String key() {
    return job.jobId().toString();
  }
}
