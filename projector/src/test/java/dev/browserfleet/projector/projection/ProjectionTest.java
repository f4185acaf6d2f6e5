package dev.browserfleet.projector.projection;

import static dev.browserfleet.projector.JobStory.SUBMITTED_AT;
import static dev.browserfleet.projector.JobStory.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.ArtifactType;
import dev.browserfleet.contracts.DeviceType;
import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JobStatus;
import dev.browserfleet.contracts.LogLevel;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.WorkerStatus;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.JobLogged;
import dev.browserfleet.contracts.event.JobProgressed;
import dev.browserfleet.contracts.event.WorkerHeartbeat;
import dev.browserfleet.contracts.event.WorkerStopped;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyStatus;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.projector.JobStory;
import dev.browserfleet.projector.projection.RowChange.AddArtifact;
import dev.browserfleet.projector.projection.RowChange.AddLog;
import dev.browserfleet.projector.projection.RowChange.BrowserTypeLink;
import dev.browserfleet.projector.projection.RowChange.PutApiKey;
import dev.browserfleet.projector.projection.RowChange.PutBrowserType;
import dev.browserfleet.projector.projection.RowChange.PutJob;
import dev.browserfleet.projector.projection.RowChange.JobLink;
import dev.browserfleet.projector.projection.RowChange.LinkWaitingWorkers;
import dev.browserfleet.projector.projection.RowChange.PutWorker;
import dev.browserfleet.projector.projection.RowChange.StopWorker;
import dev.browserfleet.projector.projection.RowChange.UpdateJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProjectionTest {

  private static final WorkerId WORKER = WorkerId.ofSlot("worker-a", "chromium", 0);
  private static final Instant RETAINED_SINCE = Instant.parse("2026-02-20T00:00:00Z");

  @Test
  void anAcceptedJobBecomesAPendingRowHoldingItsSubmission() {
    JobStory job = aJob().forBrowserType(2).ownedBy("acme");
    var accepted = job.accepted();

    assertThat(Projection.evolve(0, accepted))
        .containsExactly(
            new PutJob(
                new JobRow(
                    job.jobId(), "acme", 2, "http://127.0.0.1:8081/page",
                    job.submission().actions(), WaitUntil.LOAD, JobStatus.PENDING, 40, 0, 2, 20_000,
                    SUBMITTED_AT, null, null, null, null, accepted.occurredAt(), 1),
                BrowserTypeLink.REQUIRED),
            new LinkWaitingWorkers(job.jobId()));
  }

  @Test
  void anAcceptedJobWithoutSubmissionTimeIsCreatedWhenAccepted() {
    JobStory job = aJob();
    var accepted = job.accepted();
    var unstamped =
        new dev.browserfleet.contracts.event.JobAccepted(
            accepted.eventId(), accepted.jobId(), 1, accepted.occurredAt(),
            accepted.job().withSubmittedAt(null), accepted.lane());

    var row = ((PutJob) Projection.evolve(0, unstamped).getFirst()).job();

    assertThat(row.createdAt()).isEqualTo(accepted.occurredAt());
  }

  @Test
  void aRejectedSubmissionBecomesAFailedRowNamingTheFieldAtFault() {
    JobStory job = aJob().forBrowserType(99);
    var rejected = job.rejected(job.submission(), "browserTypeId", "no active browser type 99");

    var row = (PutJob) Projection.evolve(0, rejected).getFirst();

    assertThat(row.browserType()).isEqualTo(BrowserTypeLink.IF_PROJECTED);
    assertThat(row.job().status()).isEqualTo(JobStatus.FAILED);
    assertThat(row.job().errorMessage()).isEqualTo("browserTypeId: no active browser type 99");
    assertThat(row.job().browserTypeId()).isEqualTo(99);
    assertThat(row.job().completedAt()).isEqualTo(rejected.occurredAt());
    assertThat(row.job().createdAt()).isEqualTo(SUBMITTED_AT);
    assertThat(row.job().lastEventSeq()).isEqualTo(1);
  }

  @Test
  void aRejectionOfAnUnreadableSubmissionKeepsTheDocumentedDefaults() {
    JobStory job = aJob();
    var rejected = job.rejected(null, null, "the command has no targetUrl");

    JobRow row = ((PutJob) Projection.evolve(0, rejected).getFirst()).job();

    assertThat(row.targetUrl()).isEmpty();
    assertThat(row.actions()).isEmpty();
    assertThat(row.browserTypeId()).isNull();
    assertThat(row.clientId()).isNull();
    assertThat(row.waitUntil()).isEqualTo(WaitUntil.NETWORK_IDLE);
    assertThat(row.priority()).isEqualTo(SubmitJob.DEFAULT_PRIORITY);
    assertThat(row.maxRetries()).isEqualTo(SubmitJob.DEFAULT_MAX_RETRIES);
    assertThat(row.timeoutMs()).isEqualTo(SubmitJob.DEFAULT_TIMEOUT_MS);
    assertThat(row.errorMessage()).isEqualTo("the command has no targetUrl");
    assertThat(row.createdAt()).isEqualTo(rejected.occurredAt());
  }

  @Test
  void aStartedAttemptMakesTheJobProcessing() {
    JobStory job = aJob();
    job.accepted();
    var first = job.started(1, WORKER);

    assertThat(Projection.evolve(1, first))
        .containsExactly(new UpdateJob(job.jobId(), 2, first.occurredAt(), new JobUpdate.Start(first.occurredAt())));
  }

  @Test
  void aRequeuedJobIsPendingAgainWithItsRetryCountAndTheAttemptsEndIsLogged() {
    JobStory job = aJob();
    job.accepted();
    job.started(1, WORKER);
    var requeued = job.requeued(1, 1, "attempt 1 failed: timed out after 2000 ms");

    assertThat(Projection.evolve(2, requeued))
        .containsExactly(
            new UpdateJob(job.jobId(), 3, requeued.occurredAt(), new JobUpdate.Requeue(1)),
            new AddLog(requeued.eventId(), job.jobId(), LogLevel.WARN,
                "attempt 1 failed: timed out after 2000 ms; retry 1 (attempt 2) in 1500 ms",
                Map.of("attempt", 1, "nextAttempt", 2, "retryCount", 1, "retryAt", requeued.retryAt().toString()),
                requeued.occurredAt()));
  }

  @Test
  void aLogLineAddsARowWithItsAttemptAndTouchesTheJob() {
    JobStory job = aJob();
    job.accepted();
    JobLogged logged = job.logged("screenshot took 42 ms");

    assertThat(Projection.evolve(1, logged))
        .containsExactly(
            new AddLog(
                logged.eventId(), job.jobId(), LogLevel.INFO, "screenshot took 42 ms",
                Map.of("action", "screenshot", "durationMs", 42, "attempt", 1),
                logged.occurredAt()),
            new UpdateJob(job.jobId(), 2, logged.occurredAt(), new JobUpdate.Touch()));
  }

  @Test
  void anActionsProgressAddsALogRowWithItsDuration() {
    JobStory job = aJob();
    job.accepted();
    var progressed = new JobProgressed(UUID.randomUUID(), job.jobId(), 2, Instant.parse("2026-11-25T08:00:01Z"), 1,
        1, 5, "click", "getBySelector '#submit'", 38, true, null);

    assertThat(Projection.evolve(1, progressed))
        .containsExactly(
            new AddLog(
                progressed.eventId(), job.jobId(), LogLevel.INFO,
                "action 2/5 click getBySelector '#submit' succeeded in 38 ms",
                Map.of("index", 1, "action", "click", "durationMs", 38L, "success", true, "attempt", 1),
                progressed.occurredAt()),
            new UpdateJob(job.jobId(), 2, progressed.occurredAt(), new JobUpdate.Touch()));
  }

  @Test
  void aStoredArtifactAddsARowWithItsRelativePathAndChecksum() {
    JobStory job = aJob();
    job.accepted();
    var stored = job.artifactStored();

    assertThat(Projection.evolve(1, stored))
        .containsExactly(
            new AddArtifact(
                job.artifactId(), job.jobId(), ArtifactType.SCREENSHOT,
                job.jobId() + "/" + job.artifactId() + ".png", "image/png", 1234, "ab".repeat(32),
                stored.occurredAt()),
            new UpdateJob(job.jobId(), 2, stored.occurredAt(), new JobUpdate.Touch()));
  }

  @Test
  void aSucceededJobIsCompletedWithItsResult() {
    JobStory job = aJob();
    job.accepted();
    var succeeded = job.succeeded();

    assertThat(Projection.evolve(1, succeeded))
        .containsExactly(
            new UpdateJob(
                job.jobId(), 2, succeeded.occurredAt(),
                new JobUpdate.Finish(JobStatus.COMPLETED, succeeded.occurredAt(), null, job.result())),
            new AddLog(succeeded.eventId(), job.jobId(), LogLevel.INFO, "attempt 1 succeeded", Map.of("attempt", 1),
                succeeded.occurredAt()));
  }

  @Test
  void aFailedJobKeepsItsReasonAndPartialResult() {
    JobStory job = aJob();
    job.accepted();
    var failed = job.failed("element #go not found after 5000 ms");

    assertThat(Projection.evolve(1, failed))
        .containsExactly(
            new UpdateJob(
                job.jobId(), 2, failed.occurredAt(),
                new JobUpdate.Finish(
                    JobStatus.FAILED, failed.occurredAt(), "element #go not found after 5000 ms",
                    job.result())),
            new AddLog(failed.eventId(), job.jobId(), LogLevel.ERROR,
                "attempt 1 failed, and so did the job: element #go not found after 5000 ms", Map.of("attempt", 1),
                failed.occurredAt()));
  }

  @Test
  void aCancelledJobKeepsTheReasonAsItsErrorMessage() {
    JobStory job = aJob();
    job.accepted();
    var cancelled = job.cancelled("cancelled by acme");

    assertThat(Projection.evolve(1, cancelled))
        .containsExactly(
            new UpdateJob(
                job.jobId(), 2, cancelled.occurredAt(),
                new JobUpdate.Finish(
                    JobStatus.CANCELLED, cancelled.occurredAt(), "cancelled by acme", null)),
            new AddLog(cancelled.eventId(), job.jobId(), LogLevel.WARN, "the job was cancelled: cancelled by acme",
                Map.of(), cancelled.occurredAt()));
  }

  @Test
  void aJobCreatedBeforeTheRetentionHorizonGetsNoRowWhetherAcceptedOrRejected() {
    Instant horizon = SUBMITTED_AT.plusSeconds(60);
    JobStory old = aJob();
    JobStory oldRejected = aJob();
    JobStory young = aJob().submittedAt(horizon);
    var youngAccepted = young.accepted();

    var changes =
        Projection.evolveAll(
            Map.of(),
            List.of(
                old.accepted(),
                oldRejected.rejected(oldRejected.submission(), "targetUrl", "denied"),
                youngAccepted),
            horizon);

    assertThat(changes).containsExactlyElementsOf(Projection.evolve(0, youngAccepted));
  }

  @Test
  void anEventAlreadyAppliedChangesNothing() {
    JobStory job = aJob();
    List<JobEvent> story =
        List.of(job.accepted(), job.started(1, WORKER), job.logged("opened"), job.artifactStored(),
            job.succeeded());

    for (JobEvent event : story) {
      assertThat(Projection.evolve(event.sequence(), event)).as("duplicate of %s", event).isEmpty();
      assertThat(Projection.evolve(5, event)).as("stale %s", event).isEmpty();
    }
  }

  @Test
  void aBatchAppliesEachJobsEventsOnceAndInOrder() {
    JobStory a = aJob();
    JobStory b = aJob();
    var aAccepted = a.accepted();
    var aStarted = a.started(1, WORKER);
    var bAccepted = b.accepted();
    var aSucceeded = a.succeeded();

    // Job a had its first two events applied by an earlier batch; b is new. The redelivered
    // events of a, and b's duplicate, must change nothing.
    var changes =
        Projection.evolveAll(
            Map.of(a.jobId(), 2L),
            List.of(aAccepted, aStarted, bAccepted, aSucceeded, bAccepted, aStarted),
            SUBMITTED_AT.minusSeconds(1));

    // b's acceptance is two changes: its row, and the workers that wait for it; a's success is
    // two: the row's final status and the log line saying how it ended.
    var expected = new ArrayList<RowChange>(Projection.evolve(0, bAccepted));
    expected.addAll(Projection.evolve(2, aSucceeded));
    assertThat(expected).hasSize(4);
    assertThat(changes).containsExactlyElementsOf(expected);
  }

  @Test
  void aHeartbeatPutsTheWorkerWithItsInstanceAndEngineAndWaitsForItsJobsRowWithoutFailing() {
    JobId job = JobId.random();
    var at = Instant.parse("2026-03-01T10:00:05Z");
    var startedAt = Instant.parse("2026-03-01T09:00:00Z");
    var heartbeat =
        new WorkerHeartbeat(
            UUID.randomUUID(), WORKER, at, "worker-a", Engine.CHROMIUM, WorkerStatus.BUSY, job, 1,
            startedAt);

    assertThat(Projection.evolve(heartbeat, RETAINED_SINCE))
        .isEqualTo(
            new PutWorker(
                WORKER, WorkerStatus.BUSY, job, JobLink.WHEN_PROJECTED, 1, at, startedAt,
                Map.of("instance", "worker-a", "engine", "chromium")));
  }

  @Test
  void aHeartbeatFromBeforeTheRetentionLimitLinksItsJobOnlyIfItsRowExists() {
    // Its job was created before the heartbeat, so it is past retention: its row never comes.
    JobId job = JobId.random();
    var at = RETAINED_SINCE.minusSeconds(1);
    var heartbeat =
        new WorkerHeartbeat(
            UUID.randomUUID(), WORKER, at, "worker-a", Engine.CHROMIUM, WorkerStatus.BUSY, job, 1,
            at);

    var put = (PutWorker) Projection.evolve(heartbeat, RETAINED_SINCE);

    assertThat(put.currentJobId()).isEqualTo(job);
    assertThat(put.jobLink()).isEqualTo(JobLink.IF_PROJECTED);
  }

  @Test
  void anAcceptedJobPastRetentionLinksNoWorkerEither() {
    JobStory old = aJob().submittedAt(RETAINED_SINCE.minusSeconds(1));

    assertThat(Projection.evolveAll(Map.of(), List.of(old.accepted()), RETAINED_SINCE)).isEmpty();
  }

  @Test
  void aHeartbeatWithoutStartTimeCountsTheWorkerStartedAtThatHeartbeat() {
    var at = Instant.parse("2026-03-01T10:00:05Z");
    var heartbeat =
        new WorkerHeartbeat(
            UUID.randomUUID(), WORKER, at, "worker-a", Engine.WEBKIT, WorkerStatus.IDLE, null, null,
            null);

    var put = (PutWorker) Projection.evolve(heartbeat, RETAINED_SINCE);

    assertThat(put.startedAt()).isEqualTo(at);
    assertThat(put.currentJobId()).isNull();
  }

  @Test
  void aStoppedWorkerIsStoppedAtTheTimeItSaidSo() {
    var at = Instant.parse("2026-03-01T10:00:05Z");

    assertThat(
            Projection.evolve(
                new WorkerStopped(UUID.randomUUID(), WORKER, at, "worker-a", Engine.CHROMIUM),
                RETAINED_SINCE))
        .isEqualTo(
            new StopWorker(WORKER, at, Map.of("instance", "worker-a", "engine", "chromium")));
  }

  @Test
  void referenceDataIsPutAsPublished() {
    var type =
        new BrowserType(
            7, "Chromium Tablet", Engine.CHROMIUM, DeviceType.MOBILE, "UA", 800, 1280, true,
            SUBMITTED_AT, SUBMITTED_AT);
    var key =
        new ApiKey(
            UUID.randomUUID(), "cd".repeat(32), "acme", "CI", ApiKeyStatus.ACTIVE, 100, true, null,
            SUBMITTED_AT, SUBMITTED_AT);

    assertThat(Projection.evolve(type)).isEqualTo(new PutBrowserType(type));
    assertThat(Projection.evolve(key)).isEqualTo(new PutApiKey(key));
  }
}
