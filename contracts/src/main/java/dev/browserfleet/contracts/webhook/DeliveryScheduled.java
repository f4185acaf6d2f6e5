package dev.browserfleet.contracts.webhook;

import dev.browserfleet.contracts.JobId;
import java.time.Instant;
import java.util.UUID;

/**
 * A job ended and its callback is owed.
 *
 * @param clientId the job's owner; the signing key must be one of its keys
 * @param keyId the API key whose webhook secret signs every attempt (looked up at each attempt,
 *     so a rotated secret takes effect on the next one)
 * @param body the JSON body every attempt POSTs, byte for byte
 */
public record DeliveryScheduled(
    UUID deliveryId, JobId jobId, String clientId, String callbackUrl, UUID keyId, String body, Instant scheduledAt)
    implements WebhookDelivery {}
