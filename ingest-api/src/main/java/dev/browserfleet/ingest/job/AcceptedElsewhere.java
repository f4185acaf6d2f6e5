package dev.browserfleet.ingest.job;

import java.time.Duration;

/**
 * The jobs that other replicas of the API accepted, as this replica learns them (they land in its
 * {@link RecentSubmissions}). A read that finds a job nowhere asks to catch up first: a 202 from
 * another replica came after the broker had the command, so once this replica has read everything
 * the broker holds at the moment of the read, it knows that job too.
 */
public interface AcceptedElsewhere {

  /** A single replica: nothing is accepted elsewhere. */
  AcceptedElsewhere NONE = timeout -> false;

  /**
   * Waits until this replica has seen every command accepted before the call, at most {@code
   * timeout}; false when it could not tell (the broker unreachable, or too slow).
   */
  boolean catchUp(Duration timeout);
}
