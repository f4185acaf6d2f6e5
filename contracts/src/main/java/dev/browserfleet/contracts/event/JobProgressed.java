package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import java.time.Instant;
import java.util.UUID;

/** Action {@code actionIndex} (0-based) of {@code actionCount} of the attempt ended; see {@link AttemptProgressed}. */
public record JobProgressed(
    UUID eventId,
    JobId jobId,
    long sequence,
    Instant occurredAt,
    int attempt,
    int actionIndex,
    int actionCount,
    String action,
    String target,
    long durationMs,
    boolean success,
    String error)
    implements JobEvent {

  /** A line for a log: "action 2/5 click getBySelector '#submit' succeeded in 38 ms". */
  public String describe() {
    return "action " + (actionIndex + 1) + "/" + actionCount + " " + action + (target == null ? "" : " " + target)
        + (success ? " succeeded" : " failed") + " in " + durationMs + " ms" + (error == null ? "" : ": " + error);
  }
}
