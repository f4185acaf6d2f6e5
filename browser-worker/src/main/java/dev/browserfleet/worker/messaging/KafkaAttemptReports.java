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
import dev.browserfleet.contracts.event.AttemptStarted;
import dev.browserfleet.contracts.event.AttemptSucceeded;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.worker.execution.AttemptOutcome;
import dev.browserfleet.worker.execution.AttemptReports;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Reports one attempt to {@code bf.attempt-reports}, keyed by job id so that all of a job's
 * reports stay in order on one partition. Progress goes out without waiting; the outcome is
 * produced durably, because the job is acknowledged only after it.
 */
final class KafkaAttemptReports implements AttemptReports {

  private final WorkerKafka kafka;
  private final JobAssignment job;
  private final WorkerId workerId;
  private final Clock clock;

  KafkaAttemptReports(WorkerKafka kafka, JobAssignment job, WorkerId workerId, Clock clock) {
    this.kafka = kafka;
    this.job = job;
    this.workerId = workerId;
    this.clock = clock;
  }

  @Override
  public void started() {
    send(new AttemptStarted(UUID.randomUUID(), job.jobId(), job.attempt(), workerId, clock.instant()));
  }

  @Override
  public void logged(LogLevel level, String message, Map<String, Object> metadata) {
    send(new AttemptLogged(
        UUID.randomUUID(), job.jobId(), job.attempt(), workerId, clock.instant(), level, message, metadata));
  }

  @Override
  public void artifactStored(Artifact artifact) {
    send(new AttemptArtifactStored(
        UUID.randomUUID(), job.jobId(), job.attempt(), workerId, clock.instant(), artifact));
  }

  @Override
  public void progressed(
      int index, int count, String action, String target, long durationMs, boolean success, String error) {
    send(new AttemptProgressed(UUID.randomUUID(), job.jobId(), job.attempt(), workerId, clock.instant(), index, count,
        action, target, durationMs, success, error));
  }

  /**
   * Produces the outcome and waits until the broker has it.
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
    kafka.sendDurably(Topics.ATTEMPT_REPORTS, job.jobId().toString(), report);
  }

  /**
   * Says, and waits until the broker has it, that the attempt goes back to its lane unfinished,
   * so that the dispatcher counts the next start elsewhere as a hand-back and not a lost worker.
   */
  void handedBack(String reason) {
    kafka.sendDurably(Topics.ATTEMPT_REPORTS, job.jobId().toString(),
        new AttemptReleased(UUID.randomUUID(), job.jobId(), job.attempt(), workerId, clock.instant(), reason));
  }

  private void send(AttemptReport report) {
    kafka.send(Topics.ATTEMPT_REPORTS, job.jobId().toString(), report);
  }
}
