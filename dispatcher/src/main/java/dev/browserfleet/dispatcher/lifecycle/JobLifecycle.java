package dev.browserfleet.dispatcher.lifecycle;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.command.CancelJob;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.event.AttemptArtifactStored;
import dev.browserfleet.contracts.event.AttemptFailed;
import dev.browserfleet.contracts.event.AttemptLogged;
import dev.browserfleet.contracts.event.AttemptProgressed;
import dev.browserfleet.contracts.event.AttemptReport;
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
import dev.browserfleet.contracts.event.JobStarted;
import dev.browserfleet.contracts.event.JobSucceeded;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.contracts.lane.Lane;
import dev.browserfleet.contracts.reference.BrowserType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The job state machine: given a job's state (or none) and one input, decides the new state and
 * the events and lane assignments to send. Pure: no Kafka, no clock, no randomness of its own (ids
 * come from the supplier given), so it is tested without a broker.
 */
public final class JobLifecycle {

  private final LaneRouter router;
  private final Supplier<UUID> eventIds;

  public JobLifecycle(LaneRouter router, Supplier<UUID> eventIds) {
    this.router = router;
    this.eventIds = eventIds;
  }

  /** An admitted submission: queue attempt 1 on its lane. A job id seen before is ignored. */
  public Decision submit(JobState current, SubmitJob job, BrowserType type, Instant now) {
    if (current != null) {
      return Decision.ignore("job " + job.jobId() + " was already submitted; it is " + current.phase());
    }
    Lane lane = router.route(type, job.priority());
    var accepted = new JobAccepted(eventIds.get(), job.jobId(), 1, now, job, lane.toString());
    var state = new JobState(job.jobId(), JobPhase.QUEUED, 1, 1, job, lane.toString(), now);
    var assignment =
        new JobAssignment(
            job.jobId(), 1, lane.toString(), type, job.targetUrl(), job.actions(), job.waitUntil(),
            job.timeoutMs(), job.priority(), now, job.browserStorage());
    return Decision.of(
        state, List.of(new Output.Event(accepted), new Output.Assign(assignment, lane.topicName())));
  }

  /** A submission refused at admission: the job exists, failed, with the field at fault. */
  public Decision reject(JobState current, JobId jobId, SubmitJob partial, String field, String reason, Instant now) {
    if (current != null) {
      return Decision.ignore("job " + jobId + " was already submitted; a second, invalid submission changes nothing");
    }
    var rejected = new JobRejected(eventIds.get(), jobId, 1, now, partial, field, reason);
    var state = new JobState(jobId, JobPhase.REJECTED, 0, 1, null, null, now);
    return Decision.of(state, List.of(new Output.Event(rejected)));
  }

  public Decision cancel(JobState current, CancelJob cancel, Instant now) {
    if (current == null) {
      return Decision.ignore("cancel for unknown job " + cancel.jobId());
    }
    if (!JobTransitions.isAllowed(current.phase(), JobPhase.CANCELLED)) {
      return Decision.ignore("job " + cancel.jobId() + " is " + current.phase() + "; it cannot be cancelled");
    }
    String reason = cancel.reason() != null ? cancel.reason()
        : "cancelled" + (cancel.clientId() == null ? "" : " by client " + cancel.clientId());
    long seq = current.sequence() + 1;
    var event = new JobCancelled(eventIds.get(), current.jobId(), seq, now, reason);
    return Decision.of(current.moveTo(JobPhase.CANCELLED, seq, now), List.of(new Output.Event(event)));
  }

  /** A worker's report about an attempt. Reports of any attempt but the current one are stale. */
  public Decision report(JobState current, AttemptReport report, Instant now) {
    if (current == null) {
      return Decision.ignore("report " + report.getClass().getSimpleName() + " for unknown job " + report.jobId());
    }
    if (report.attempt() != current.attempt()) {
      return Decision.ignore("stale report of attempt " + report.attempt() + "; job " + current.jobId()
          + " is on attempt " + current.attempt());
    }
    long seq = current.sequence() + 1;
    Instant at = report.occurredAt() != null ? report.occurredAt() : now;
    return switch (report) {
      case AttemptStarted s -> move(current, JobPhase.RUNNING, seq, now,
          new JobStarted(eventIds.get(), s.jobId(), seq, at, s.attempt(), s.workerId()));
      case AttemptLogged l -> relay(current, seq, now,
          new JobLogged(eventIds.get(), l.jobId(), seq, at, l.attempt(), l.level(), l.message(), l.metadata()));
      case AttemptProgressed p -> relay(current, seq, now,
          new JobProgressed(eventIds.get(), p.jobId(), seq, at, p.attempt(), p.actionIndex(), p.actionCount(),
              p.action(), p.target(), p.durationMs(), p.success(), p.error()));
      case AttemptArtifactStored a -> relay(current, seq, now,
          new JobArtifactStored(eventIds.get(), a.jobId(), seq, at, a.attempt(), a.artifact()));
      case AttemptSucceeded s -> move(current, JobPhase.SUCCEEDED, seq, now,
          new JobSucceeded(eventIds.get(), s.jobId(), seq, at, s.attempt(), s.result()));
      // Retries with backoff come with the lifecycle issue; until then a failed attempt ends the job.
      case AttemptFailed f -> move(current, JobPhase.FAILED, seq, now,
          new JobFailed(eventIds.get(), f.jobId(), seq, at, f.attempt(), f.reason(), f.result()));
    };
  }

  private static Decision move(JobState current, JobPhase next, long seq, Instant now, JobEvent event) {
    if (!JobTransitions.isAllowed(current.phase(), next)) {
      return Decision.ignore("illegal transition " + current.phase() + " -> " + next + " for job "
          + current.jobId() + " (" + event.getClass().getSimpleName() + ")");
    }
    return Decision.of(current.moveTo(next, seq, now), List.of(new Output.Event(event)));
  }

  /** Logs and artifacts belong to a live attempt; after the job ended they are dropped. */
  private static Decision relay(JobState current, long seq, Instant now, JobEvent event) {
    if (current.phase().isTerminal()) {
      return Decision.ignore("job " + current.jobId() + " is " + current.phase() + "; dropped late "
          + event.getClass().getSimpleName());
    }
    return Decision.of(current.withSequence(seq, now), List.of(new Output.Event(event)));
  }
}
