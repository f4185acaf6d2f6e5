package dev.browserfleet.dispatcher.lifecycle;

import static dev.browserfleet.dispatcher.lifecycle.JobPhase.BACKOFF;
import static dev.browserfleet.dispatcher.lifecycle.JobPhase.CANCELLED;
import static dev.browserfleet.dispatcher.lifecycle.JobPhase.FAILED;
import static dev.browserfleet.dispatcher.lifecycle.JobPhase.QUEUED;
import static dev.browserfleet.dispatcher.lifecycle.JobPhase.REJECTED;
import static dev.browserfleet.dispatcher.lifecycle.JobPhase.RUNNING;
import static dev.browserfleet.dispatcher.lifecycle.JobPhase.SUCCEEDED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of allowed phase changes. Anything not listed is illegal and is never applied:
 * in particular nothing leaves a terminal phase, so a late success cannot overwrite a
 * cancellation.
 */
public final class JobTransitions {

  private static final Map<JobPhase, Set<JobPhase>> ALLOWED = new EnumMap<>(JobPhase.class);

  static {
    // QUEUED -> FAILED: nobody took the job within the queue timeout.
    // QUEUED -> QUEUED: a fresh lane record replaces one that kept coming back to busy slots.
    ALLOWED.put(QUEUED, EnumSet.of(RUNNING, CANCELLED, FAILED, QUEUED));
    // RUNNING -> QUEUED: the worker handed the attempt back or was lost; the lane record serves again.
    // RUNNING -> BACKOFF: the attempt failed retryably; the next attempt is queued after a backoff.
    ALLOWED.put(RUNNING, EnumSet.of(SUCCEEDED, FAILED, CANCELLED, QUEUED, BACKOFF));
    ALLOWED.put(BACKOFF, EnumSet.of(QUEUED, CANCELLED));
    ALLOWED.put(SUCCEEDED, EnumSet.noneOf(JobPhase.class));
    ALLOWED.put(FAILED, EnumSet.noneOf(JobPhase.class));
    ALLOWED.put(CANCELLED, EnumSet.noneOf(JobPhase.class));
    ALLOWED.put(REJECTED, EnumSet.noneOf(JobPhase.class));
  }

  private JobTransitions() {}

  public static boolean isAllowed(JobPhase from, JobPhase to) {
    return ALLOWED.get(from).contains(to);
  }

  public static Set<JobPhase> allowedFrom(JobPhase from) {
    return ALLOWED.get(from);
  }
}
