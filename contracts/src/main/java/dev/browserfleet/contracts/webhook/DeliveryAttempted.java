package dev.browserfleet.contracts.webhook;

import dev.browserfleet.contracts.JobId;
import java.time.Instant;
import java.util.UUID;

/**
 * One attempt of a delivery, and what follows from it.
 *
 * @param attempt 1 for the first
 * @param statusCode the receiver's HTTP status, or null when there was no answer
 * @param error why there was no answer (timeout, refused connection, a denied address), or null
 * @param nextAttemptAt when the next attempt is due; null unless {@code outcome} is retrying
 */
public record DeliveryAttempted(
    UUID deliveryId,
    JobId jobId,
    int attempt,
    Instant attemptedAt,
    Integer statusCode,
    String error,
    long durationMs,
    DeliveryOutcome outcome,
    Instant nextAttemptAt)
    implements WebhookDelivery {}
