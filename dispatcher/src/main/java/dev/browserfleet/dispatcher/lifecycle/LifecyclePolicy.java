package dev.browserfleet.dispatcher.lifecycle;

import java.time.Duration;

/**
 * The lifecycle's tunables.
 *
 * @param retry the backoff between a retryable failure and the next attempt
 * @param queueTimeout how long a job waits on its lane while no live worker of its engine exists
 *     before it fails (while live workers exist it waits for them)
 * @param workerLostAfter how long a worker may stay silent before its attempt is re-run elsewhere
 */
public record LifecyclePolicy(RetryPolicy retry, Duration queueTimeout, Duration workerLostAfter) {}
