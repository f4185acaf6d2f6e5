package dev.browserfleet.dispatcher.lifecycle;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.command.CancelJob;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.event.AttemptArtifactStored;
import dev.browserfleet.contracts.event.AttemptFailed;
import dev.browserfleet.contracts.event.AttemptLogged;
import dev.browserfleet.contracts.event.AttemptProgressed;
import dev.browserfleet.contracts.event.AttemptReleased;
import dev.browserfleet.contracts.event.AttemptReport;
import dev.browserfleet.contracts.event.AttemptReportBatch;
import dev.browserfleet.contracts.event.AttemptStarted;
import dev.browserfleet.contracts.event.AttemptSucceeded;
import dev.browserfleet.contracts.event.JobAccepted;
import dev.browserfleet.contracts.event.JobArtifactStored;
import dev.browserfleet.contracts.event.JobCancelled;
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.JobFailed;
import dev.browserfleet.contracts.event.JobLogged;
import dev.browserfleet.contracts.event.JobProgressed;
import dev.browserfleet.contracts.event.JobRejected;
import dev.browserfleet.contracts.event.JobRequeued;
import dev.browserfleet.contracts.event.JobResult;
import dev.browserfleet.contracts.event.JobStarted;
import dev.browserfleet.contracts.event.JobSucceeded;
import dev.browserfleet.contracts.event.WorkerEvent;
import dev.browserfleet.contracts.event.WorkerStopped;
import dev.browserfleet.contracts.lane.AttemptRevoked;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.contracts.lane.Lane;
import dev.browserfleet.contracts.reference.BrowserType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The job state machine: given a job's state (or none) and one input (a command, a worker's report
 * or a timer), decides the new state, the events to send, the attempts to queue or revoke and the
 * timers to set. Pure: no Kafka, no clock, no randomness of its own (ids and jitter come from the
 * suppliers given), so every rule is tested without a broker.
 *
 * <p>Every phase change goes through {@link JobTransitions}; an input that would need an illegal
 * one is ignored, with the reason, and changes nothing.
 */
public final class JobLifecycle {

  private final LaneRouter router;
  private final LifecyclePolicy policy;
  private final Supplier<UUID> eventIds;

  public JobLifecycle(LaneRouter router, LifecyclePolicy policy, Supplier<UUID> eventIds) {
    this.router = router;
    this.policy = policy;
    this.eventIds = eventIds;
  }

  /** An admitted submission: queue attempt 1 on its lane. A job id seen before is ignored. */
  public Decision submit(JobState current, SubmitJob job, BrowserType type, Instant now) {
    if (current != null) {
      return Decision.ignore("job " + job.jobId() + " was already submitted; it is " + current.phase());
    }
    Lane lane = router.route(type, job.priority());
    var accepted = new JobAccepted(eventIds.get(), job.jobId(), 1, now, job, lane.toString());
    var state = new JobState(job.jobId(), JobPhase.QUEUED, 1, 0, 1, job, type, lane, null, now);
    var outputs = new ArrayList<Output>(List.of(new Output.Event(accepted)));
    outputs.addAll(queue(state, now));
    return Decision.of(state, outputs);
  }

  /** A submission refused at admission: the job exists, failed, with the field at fault. */
  public Decision reject(JobState current, JobId jobId, SubmitJob partial, String field, String reason, Instant now) {
    if (current != null) {
      return Decision.ignore("job " + jobId + " was already submitted; a second, invalid submission changes nothing");
    }
    var rejected = new JobRejected(eventIds.get(), jobId, 1, now, partial, field, reason);
    var state = new JobState(jobId, JobPhase.REJECTED, 0, 0, 1, null, null, null, null, now);
    return Decision.of(state, List.of(new Output.Event(rejected)));
  }

  /**
   * The job's first attempt was refused a place in line (its client's queue is full): the job
   * fails with the reason. It never reached a lane, so there is nothing to revoke.
   */
  public Decision refuse(JobState current, int attempt, String reason, Instant now) {
    if (current == null || current.phase() != JobPhase.QUEUED || current.attempt() != attempt) {
      return Decision.ignore("refusal of attempt " + attempt + " of a job that is "
          + (current == null ? "unknown" : current.phase() + " on attempt " + current.attempt()));
    }
    long seq = current.sequence() + 1;
    return Decision.of(current.moveTo(JobPhase.FAILED, seq, now), List.of(new Output.Event(
        new JobFailed(eventIds.get(), current.jobId(), seq, now, attempt, reason,
            new JobResult(List.of(), null, null, null, null)))));
  }

  /**
   * Cancels a job that has not ended. Its lane record is revoked, so a queued attempt never starts
   * and a running one is stopped by its worker.
   */
  public Decision cancel(JobState current, CancelJob cancel, Instant now) {
    if (current == null) {
      return Decision.ignore("cancel for unknown job " + cancel.jobId());
    }
    if (!JobTransitions.isAllowed(current.phase(), JobPhase.CANCELLED)) {
      return Decision.ignore("job " + cancel.jobId() + " is " + current.phase() + "; it cannot be cancelled");
    }
    String reason = cancel.reason() != null && !cancel.reason().isBlank() ? cancel.reason()
        : "cancelled" + (cancel.clientId() == null ? "" : " by client " + cancel.clientId());
    long seq = current.sequence() + 1;
    var outputs = new ArrayList<Output>(List.of(new Output.Event(new JobCancelled(eventIds.get(), current.jobId(), seq, now, reason))));
    if (current.phase() != JobPhase.BACKOFF) {
      // In backoff the next attempt is not on a lane yet, and never will be.
      outputs.add(revoke(current, null, reason, now));
    }
    return Decision.of(current.moveTo(JobPhase.CANCELLED, seq, now), outputs);
  }

  /**
   * A worker's report about an attempt. Reports of any attempt but the current one, or from any
   * worker but the one running it, are stale.
   */
  public Decision report(JobState current, AttemptReport report, Instant now) {
    if (current == null) {
      return Decision.ignore("report " + report.getClass().getSimpleName() + " for unknown job " + report.jobId());
    }
    if (report.attempt() != current.attempt()) {
      return Decision.ignore("stale report of attempt " + report.attempt() + "; job " + current.jobId()
          + " is on attempt " + current.attempt());
    }
    if (report instanceof AttemptStarted started) {
      return started(current, started, now);
    }
    if (report instanceof AttemptReleased released && current.phase() == JobPhase.QUEUED) {
      // Handed back before it started: its lane record kept reaching busy slots. A fresh record
      // replaces it before the broker gives it up; this is not a retry.
      return newAttempt(current, current.retries(), "attempt " + released.attempt()
          + " was handed back unstarted by worker " + released.workerId() + ": " + released.reason(), now);
    }
    if (current.phase() != JobPhase.RUNNING || !report.workerId().equals(current.workerId())) {
      return Decision.ignore("job " + current.jobId() + " is " + current.phase()
          + (current.workerId() == null ? "" : " on " + current.workerId()) + "; dropped "
          + report.getClass().getSimpleName() + " of attempt " + report.attempt() + " from " + report.workerId());
    }
    long seq = current.sequence() + 1;
    Instant at = report.occurredAt() != null ? report.occurredAt() : now;
    return switch (report) {
      case AttemptStarted s -> throw new AssertionError("handled above");
      case AttemptLogged l -> relay(current, seq, now,
          new JobLogged(eventIds.get(), l.jobId(), seq, at, l.attempt(), l.level(), l.message(), l.metadata()));
      case AttemptProgressed p -> relay(current, seq, now,
          new JobProgressed(eventIds.get(), p.jobId(), seq, at, p.attempt(), p.actionIndex(), p.actionCount(),
              p.action(), p.target(), p.durationMs(), p.success(), p.error()));
      case AttemptArtifactStored a -> relay(current, seq, now,
          new JobArtifactStored(eventIds.get(), a.jobId(), seq, at, a.attempt(), a.artifact()));
      case AttemptSucceeded s -> Decision.of(current.moveTo(JobPhase.SUCCEEDED, seq, now),
          List.of(new Output.Event(new JobSucceeded(eventIds.get(), s.jobId(), seq, at, s.attempt(), s.result()))));
      case AttemptFailed f -> failed(current, f, seq, now);
      case AttemptReleased r -> handedBack(current, now, "attempt " + r.attempt() + " was handed back by worker "
          + r.workerId() + " (" + r.reason() + "); it waits on its lane for another worker");

      case AttemptReportBatch b -> throw new IllegalArgumentException("a batch's reports are decided one at a time");
    };
  }

  /** A timer set by an earlier decision is due. */
  public Decision timer(JobState current, Timer timer, WorkerRoster workers, Instant now) {
    if (current == null || current.attempt() != timer.attempt()) {
      return Decision.ignore("stale " + timer.kind() + " timer of job " + timer.jobId() + " attempt " + timer.attempt());
    }
    return switch (timer.kind()) {
      case RETRY -> current.phase() != JobPhase.BACKOFF
          ? Decision.ignore("job " + current.jobId() + " is " + current.phase() + "; its retry is not queued")
          : Decision.of(current.moveTo(JobPhase.QUEUED, current.sequence(), now), queue(current, now));
      case QUEUE_TIMEOUT -> queueTimedOut(current, workers, now);
      case LEASE -> leaseDue(current, timer, workers, now);
    };
  }

  private Decision started(JobState current, AttemptStarted started, Instant now) {
    WorkerId worker = started.workerId();
    Instant at = started.occurredAt() != null ? started.occurredAt() : now;
    if (current.phase() == JobPhase.QUEUED) {
      long seq = current.sequence() + 1;
      JobState running = current.runningOn(worker).moveTo(JobPhase.RUNNING, seq, now);
      return Decision.of(running, List.of(
          new Output.Event(new JobStarted(eventIds.get(), current.jobId(), seq, at, current.attempt(), worker)),
          lease(running, now)));
    }
    if (current.phase() != JobPhase.RUNNING || worker.equals(current.workerId())) {
      return Decision.ignore("job " + current.jobId() + " is " + current.phase()
          + (current.workerId() == null ? "" : " on " + current.workerId()) + "; dropped a start of attempt "
          + started.attempt() + " on " + worker);
    }
    // The broker gave the attempt's lane record to another worker: the one running it lost its
    // hold (it died, or could not renew its lock). The attempt runs again there, as a retry.
    String reason = "worker " + current.workerId() + " lost its hold on attempt " + current.attempt();
    if (!current.canRetry()) {
      return giveUp(current, reason + " and no retries are left (max_retries " + maxRetries(current) + ")", now);
    }
    long requeuedSeq = current.sequence() + 1;
    long startedSeq = requeuedSeq + 1;
    JobState running = current.withAttempt(current.attempt(), current.retries() + 1).runningOn(worker)
        .withSequence(startedSeq, now);
    return Decision.of(running, List.of(
        new Output.Event(new JobRequeued(eventIds.get(), current.jobId(), requeuedSeq, now, current.attempt(),
            current.attempt(), running.retries(), reason + "; it runs again on worker " + worker, now)),
        new Output.Event(new JobStarted(eventIds.get(), current.jobId(), startedSeq, at, current.attempt(), worker)),
        revoke(current, current.workerId(), reason, now),
        lease(running, now)));
  }

  private Decision failed(JobState current, AttemptFailed failure, long seq, Instant now) {
    String reason = failure.reason() != null && !failure.reason().isBlank() ? failure.reason() : "the attempt failed";
    if (!failure.retryable() || !current.canRetry()) {
      String message = failure.retryable() && maxRetries(current) > 0
          ? reason + " (gave up after " + current.attempt() + " attempts; max_retries " + maxRetries(current) + ")"
          : reason;
      Instant at = failure.occurredAt() != null ? failure.occurredAt() : now;
      return Decision.of(current.moveTo(JobPhase.FAILED, seq, now), List.of(new Output.Event(
          new JobFailed(eventIds.get(), current.jobId(), seq, at, current.attempt(), message, failure.result()))));
    }
    int retry = current.retries() + 1;
    Instant retryAt = now.plus(policy.retry().delayBefore(retry));
    int next = current.attempt() + 1;
    JobState backoff = current.moveTo(JobPhase.BACKOFF, seq, now).withAttempt(next, retry);
    return Decision.of(backoff, List.of(
        new Output.Event(new JobRequeued(eventIds.get(), current.jobId(), seq, now, current.attempt(), next, retry,
            "attempt " + current.attempt() + " failed: " + reason, retryAt)),
        new Output.Schedule(new Timer(retryAt, Timer.Kind.RETRY, current.jobId(), next, null))));
  }

  /** The running attempt goes back to its lane as it is: its worker handed the record back. */
  private Decision handedBack(JobState current, Instant now, String reason) {
    long seq = current.sequence() + 1;
    int retries = current.retries();
    JobState queued = current.moveTo(JobPhase.QUEUED, seq, now);
    return Decision.of(queued, List.of(
        new Output.Event(new JobRequeued(eventIds.get(), current.jobId(), seq, now, current.attempt(),
            current.attempt(), retries, reason, now)),
        queueTimeout(queued, now)));
  }

  private Decision queueTimedOut(JobState current, WorkerRoster workers, Instant now) {
    if (current.phase() != JobPhase.QUEUED) {
      return Decision.ignore("job " + current.jobId() + " is " + current.phase() + "; no longer waiting on its lane");
    }
    var engine = current.browserType().type();
    if (workers.anyLive(engine, now, policy.workerLostAfter())) {
      // Live workers of its engine exist: they are busy, and the job waits its turn.
      return Decision.of(current, List.of(queueTimeout(current, now)));
    }
    return giveUp(current, "no live " + engine.wireName() + " worker took the job within "
        + describe(policy.queueTimeout()), now);
  }

  private Decision leaseDue(JobState current, Timer timer, WorkerRoster workers, Instant now) {
    if (current.phase() != JobPhase.RUNNING || !timer.workerId().equals(current.workerId())) {
      return Decision.ignore("job " + current.jobId() + " is no longer running on " + timer.workerId());
    }
    Optional<WorkerEvent> lastWord = workers.lastWord(current.workerId());
    if (lastWord.isPresent() && WorkerRoster.isLive(lastWord.get(), now, policy.workerLostAfter())) {
      Instant next = lastWord.get().occurredAt().plus(policy.workerLostAfter());
      return Decision.of(current, List.of(new Output.Schedule(
          new Timer(next.isAfter(now) ? next : now, Timer.Kind.LEASE, current.jobId(), current.attempt(), current.workerId()))));
    }
    String reason = "worker " + current.workerId() + " "
        + lastWord.map(w -> w instanceof WorkerStopped
            ? "stopped at " + w.occurredAt() + " without handing back"
            : "has been silent since " + w.occurredAt()).orElse("never heartbeated")
        + " (limit " + describe(policy.workerLostAfter()) + ")";
    if (!current.canRetry()) {
      return giveUp(current, reason + "; no retries are left (max_retries " + maxRetries(current) + ")", now);
    }
    return newAttempt(current, current.retries() + 1, reason, now);
  }

  /**
   * Queues the next attempt on the lane at once and revokes the current one for every worker, so
   * that its record, should the broker hand it out again, is dropped, and a worker still running it
   * (a lost one that is alive after all) stops.
   */
  private Decision newAttempt(JobState current, int retries, String reason, Instant now) {
    long seq = current.sequence() + 1;
    int next = current.attempt() + 1;
    JobState queued = current.moveTo(JobPhase.QUEUED, seq, now).withAttempt(next, retries);
    var outputs = new ArrayList<Output>(List.of(
        new Output.Event(new JobRequeued(eventIds.get(), current.jobId(), seq, now, current.attempt(), next, retries,
            reason + "; attempt " + next + " is queued", now)),
        revoke(current, null, reason, now)));
    outputs.addAll(queue(queued, now));
    return Decision.of(queued, outputs);
  }

  /** Fails the job for good and revokes its attempt, wherever it is. */
  private Decision giveUp(JobState current, String reason, Instant now) {
    long seq = current.sequence() + 1;
    return Decision.of(current.moveTo(JobPhase.FAILED, seq, now), List.of(
        new Output.Event(new JobFailed(eventIds.get(), current.jobId(), seq, now, current.attempt(), reason,
            new JobResult(List.of(), null, null, null, null))),
        revoke(current, null, reason, now)));
  }

  /** The current attempt goes on its lane, with a queue timeout. */
  private List<Output> queue(JobState state, Instant now) {
    SubmitJob job = state.job();
    var assignment = new JobAssignment(job.jobId(), state.attempt(), state.lane().toString(), state.browserType(),
        job.targetUrl(), job.actions(), job.waitUntil(), job.timeoutMs(), job.priority(), now, job.browserStorage());
    return List.of(new Output.Assign(assignment, state.lane().topicName()), queueTimeout(state, now));
  }

  private Output queueTimeout(JobState state, Instant now) {
    return new Output.Schedule(
        new Timer(now.plus(policy.queueTimeout()), Timer.Kind.QUEUE_TIMEOUT, state.jobId(), state.attempt(), null));
  }

  private Output lease(JobState running, Instant now) {
    return new Output.Schedule(new Timer(now.plus(policy.workerLostAfter()), Timer.Kind.LEASE, running.jobId(),
        running.attempt(), running.workerId()));
  }

  private static Output revoke(JobState state, WorkerId onlyFor, String reason, Instant now) {
    return new Output.Revoke(new AttemptRevoked(state.jobId(), state.attempt(), onlyFor, reason, now));
  }

  /** Logs and artifacts of the running attempt are passed on. */
  private static Decision relay(JobState current, long seq, Instant now, JobEvent event) {
    return Decision.of(current.withSequence(seq, now), List.of(new Output.Event(event)));
  }

  private static int maxRetries(JobState state) {
    return state.job() == null ? 0 : state.job().maxRetries();
  }

  static String describe(Duration duration) {
    long ms = duration.toMillis();
    if (ms % 60_000 == 0) {
      return ms / 60_000 + " min";
    }
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
