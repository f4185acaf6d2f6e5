package dev.browserfleet.projector.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: exponential backoff ({@code base}, doubling, at most
 * {@code cap}) with equal jitter (half the wait fixed, half random, so that receivers coming back
 * after an outage are not hit by every delivery at once), until {@code giveUpAfter} has passed
 * since the delivery was scheduled.
 */
public record WebhookBackoff(Duration base, Duration cap, Duration giveUpAfter) {

  public WebhookBackoff {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || giveUpAfter.isNegative()) {
      throw new IllegalArgumentException("need 0 < base <= cap and giveUpAfter >= 0");
    }
  }

  /**
   * When attempt {@code attemptsMade + 1} is due, after attempt {@code attemptsMade} failed at
   * {@code now}; empty when the delivery is to be given up.
   *
   * @param random a value in [0, 1)
   */
  public Optional<Instant> nextAttempt(int attemptsMade, Instant scheduledAt, Instant now, DoubleSupplier random) {
    long wait = waitMillis(attemptsMade);
    long jittered = wait / 2 + (long) (random.getAsDouble() * (wait - wait / 2));
    Instant next = now.plusMillis(Math.max(1, jittered));
    return next.isAfter(scheduledAt.plus(giveUpAfter)) ? Optional.empty() : Optional.of(next);
  }

  /** The wait before jitter after {@code attemptsMade} failed attempts: base * 2^(n-1), at most cap. */
  long waitMillis(int attemptsMade) {
    int doublings = Math.min(Math.max(attemptsMade - 1, 0), 40);
    double wait = base.toMillis() * Math.pow(2, doublings);
    return (long) Math.min(wait, cap.toMillis());
  }
}
