package dev.browserfleet.dispatcher.lifecycle;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import java.time.Instant;

/**
 * A moment at which the dispatcher looks at a job again. A timer of an attempt that is no longer
 * current (or of a worker no longer running it) is stale when it fires and changes nothing.
 *
 * @param workerId the worker whose liveness a {@link Kind#LEASE} timer checks, else {@code null}
 */
public record Timer(Instant dueAt, Kind kind, JobId jobId, int attempt, WorkerId workerId) {

  public enum Kind {
    /** The backoff of a retry has passed: queue the next attempt. */
    RETRY,
    /** The job has waited on its lane for the queue timeout: fail it if no live worker can take it. */
    QUEUE_TIMEOUT,
    /** Check that the worker running the attempt is still alive. */
    LEASE
  }
}
