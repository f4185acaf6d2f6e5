package dev.browserfleet.dispatcher.streams;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.dispatcher.lifecycle.Timer;
import java.time.Instant;

/**
 * Timers are kept as keys of the timer store: the due time first, zero-padded, so that the store's
 * byte order is due order and the due timers are a prefix of it.
 */
final class TimerKeys {

  private static final String NO_WORKER = "-";

  private TimerKeys() {}

  static String encode(Timer timer) {
    return String.format("%015d|%s|%s|%d|%s", Math.max(0, timer.dueAt().toEpochMilli()), timer.kind(), timer.jobId(),
        timer.attempt(), timer.workerId() == null ? NO_WORKER : timer.workerId());
  }

  static Timer decode(String key) {
    String[] parts = key.split("\\|", 5);
    if (parts.length != 5) {
      throw new IllegalArgumentException("not a timer key: " + key);
    }
    return new Timer(Instant.ofEpochMilli(Long.parseLong(parts[0])), Timer.Kind.valueOf(parts[1]), JobId.of(parts[2]),
        Integer.parseInt(parts[3]), NO_WORKER.equals(parts[4]) ? null : WorkerId.of(parts[4]));
  }

  /** The first key after every timer due at or before {@code now}. */
  static String after(Instant now) {
    return String.format("%015d|~", now.toEpochMilli());
  }
}
