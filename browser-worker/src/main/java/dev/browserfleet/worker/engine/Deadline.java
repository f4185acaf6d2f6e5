package dev.browserfleet.worker.engine;

import java.time.Duration;

/**
 * The end of a time budget on the monotonic clock: an attempt's, or an action's within it. It is
 * handed down as one value from the attempt to the engine, so that every wait on the way ends at
 * the same moment instead of each working out its own.
 */
public record Deadline(Duration budget, long endNanos) {

  public static Deadline in(Duration budget) {
    return new Deadline(budget, System.nanoTime() + budget.toNanos());
  }

  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  public boolean expired() {
    return System.nanoTime() - endNanos >= 0;
  }

  /** What is left, but never zero: a wait given zero would take it as no limit or fail oddly. */
  public Duration left() {
    return cap(budget);
  }

  /** {@code wanted}, or less if the attempt ends sooner; never zero, so that a wait can fail cleanly. */
  public Duration cap(Duration wanted) {
    Duration left = remaining();
    Duration capped = wanted.compareTo(left) < 0 ? wanted : left;
    return capped.isZero() ? Duration.ofMillis(1) : capped;
  }

  /** A deadline {@code wanted} from now, or this one if it comes sooner; its budget is what it allows. */
  public Deadline within(Duration wanted) {
    Duration capped = cap(wanted);
    return new Deadline(capped, System.nanoTime() + capped.toNanos());
  }
}
