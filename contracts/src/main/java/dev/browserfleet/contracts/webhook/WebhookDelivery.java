package dev.browserfleet.contracts.webhook;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.browserfleet.contracts.JobId;
import java.util.UUID;

/**
 * The story of one webhook delivery on topic {@code bf.webhook-deliveries}, keyed by job id:
 * scheduled once when its job ended, then one record per attempt. The delivery component rebuilds
 * what is still owed from this topic when it starts, so a restart loses no delivery and repeats no
 * attempt already recorded.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = DeliveryScheduled.class, name = "webhook.scheduled"),
  @JsonSubTypes.Type(value = DeliveryAttempted.class, name = "webhook.attempted")
})
public sealed interface WebhookDelivery permits DeliveryScheduled, DeliveryAttempted {

  /** The same on every attempt: the receiver's key to deduplicate ({@code Browserfleet-Delivery}). */
  UUID deliveryId();

  JobId jobId();
}
