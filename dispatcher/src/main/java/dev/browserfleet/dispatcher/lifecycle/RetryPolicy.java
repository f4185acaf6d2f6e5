package dev.browserfleet.dispatcher.lifecycle;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: retry {@code n} (1 for the first) waits between half and all of
 * {@code min(cap, base * 2^(n-1))}, so retries of jobs that failed together spread out while each
 * still waits at least half its step.
 */
public record RetryPolicy(Duration base, Duration cap, DoubleSupplier random) {

  public RetryPolicy {
    if (base.isNegative() || cap.isNegative() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 <= base <= cap, got base " + base + " and cap " + cap);
    }
  }

  public Duration delayBefore(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries count from 1, got " + retry);
    }
    long step = (long) Math.min(cap.toMillis(), base.toMillis() * Math.pow(2, retry - 1));
    double jitter = Math.clamp(random.getAsDouble(), 0.0, 1.0);
    return Duration.ofMillis(step / 2 + Math.round(jitter * (step - step / 2)));
  }
}
