package dev.browserfleet.dispatcher.lifecycle;

import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.lane.AttemptRevoked;
import dev.browserfleet.contracts.lane.JobAssignment;

/** What a decision sends out or asks for. */
public sealed interface Output {

  /** An event on bf.job-events. */
  record Event(JobEvent event) implements Output {}

  /** An attempt queued on a lane. */
  record Assign(JobAssignment assignment, String laneTopic) implements Output {}

  /** An attempt revoked: workers must not start it, and stop it if they run it. */
  record Revoke(AttemptRevoked revocation) implements Output {}

  /** A timer to set: the lifecycle is asked again about the job when it is due. */
  record Schedule(Timer timer) implements Output {}
}
