package dev.browserfleet.worker.execution;

import java.time.Duration;

/** The end of an attempt's time budget, on the monotonic clock. */
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

  /** {@code wanted}, or less if the attempt ends sooner; never zero, so that a wait can fail cleanly. */
  public Duration cap(Duration wanted) {
    Duration left = remaining();
    Duration capped = wanted.compareTo(left) < 0 ? wanted : left;
    return capped.isZero() ? Duration.ofMillis(1) : capped;
  }
}
