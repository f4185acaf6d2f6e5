package dev.browserfleet.dispatcher.lifecycle;

import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.lane.JobAssignment;

/** What a decision sends out: an event on bf.job-events, or an attempt queued on a lane. */
public sealed interface Output {

  record Event(JobEvent event) implements Output {}

  record Assign(JobAssignment assignment, String laneTopic) implements Output {}
}
