package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.reference.JobLimits;
import dev.browserfleet.ingest.access.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

/**
 * A client's {@code maxQueuedJobs} at the edge: a submission that would take its pending jobs past
 * the limit is refused before anything is published. The count is of the projected pending jobs,
 * so it lags the dispatcher by the projection's delay; the dispatcher holds the same limit on its
 * own count and fails what slips through, so the limit holds either way.
 */
public final class QueueLimits {

  /** No limits at all: for callers that configure none. */
  public static final QueueLimits NONE = new QueueLimits((client, now) -> JobLimits.NONE, client -> 0, Clock.systemUTC());

  /** Why a submission was refused: the limit, and how many jobs were pending and offered. */
  public record QueueFull(String clientId, int maxQueuedJobs, long pending, int offered) {

    public String reason() {
      return "client " + clientId + " has " + pending + " pending job(s) and may have at most " + maxQueuedJobs
          + " (its maxQueuedJobs)" + (offered > 1 ? "; this batch of " + offered + " would pass it" : "")
          + ": submit again when some have started";
    }
  }

  private final BiFunction<String, Instant, JobLimits> limitsOf;
  private final ToLongFunction<String> pendingOf;
  private final Clock clock;

  public QueueLimits(BiFunction<String, Instant, JobLimits> limitsOf, ToLongFunction<String> pendingOf, Clock clock) {
    this.limitsOf = limitsOf;
    this.pendingOf = pendingOf;
    this.clock = clock;
  }

  /** Whether {@code caller} may queue {@code more} jobs; the pending jobs are counted only when a limit is set. */
  public Optional<QueueFull> check(Caller caller, int more) {
    String client = caller.owningClientId();
    if (client == null) {
      return Optional.empty();
    }
    JobLimits limits = limitsOf.apply(client, clock.instant());
    if (limits.maxQueuedJobs() == null) {
      return Optional.empty();
    }
    long pending = pendingOf.applyAsLong(client);
    return limits.mayQueue(pending, more)
        ? Optional.empty()
        : Optional.of(new QueueFull(client, limits.maxQueuedJobs(), pending, more));
  }
}
