package dev.browserfleet.projector.webhook;

import dev.browserfleet.contracts.webhook.DeliveryAttempted;
import dev.browserfleet.contracts.webhook.DeliveryOutcome;
import dev.browserfleet.contracts.webhook.DeliveryScheduled;
import dev.browserfleet.contracts.webhook.WebhookDelivery;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What deliveries are still owed and when each next attempt is due, as {@code
 * bf.webhook-deliveries} tells it. Applying the topic from its beginning rebuilds it after a
 * restart; applying a record twice (the sender's own records come back when it reads on) changes
 * nothing, and a delivery that ended is never owed again, even if its job's end is scheduled twice.
 * Not thread-safe: one sender thread owns it.
 */
public final class DeliveryBook {

  /** A delivery still owed: {@code attemptsMade} so far, the next one due at {@code dueAt}. */
  public record Owed(DeliveryScheduled delivery, int attemptsMade, Instant dueAt, boolean inFlight) {

    public int nextAttempt() {
      return attemptsMade + 1;
    }
  }

  private final Map<UUID, Owed> owed = new HashMap<>();
  private final Set<UUID> ended = new HashSet<>();

  public void apply(WebhookDelivery record) {
    switch (record) {
      case DeliveryScheduled scheduled -> {
        if (!ended.contains(scheduled.deliveryId())) {
          owed.putIfAbsent(scheduled.deliveryId(), new Owed(scheduled, 0, scheduled.scheduledAt(), false));
        }
      }
      case DeliveryAttempted attempted -> {
        Owed current = owed.get(attempted.deliveryId());
        if (current == null || attempted.attempt() <= current.attemptsMade()) {
          return;
        }
        if (attempted.outcome() == DeliveryOutcome.RETRYING) {
          owed.put(attempted.deliveryId(), new Owed(current.delivery(), attempted.attempt(), attempted.nextAttemptAt(), false));
        } else {
          owed.remove(attempted.deliveryId());
          ended.add(attempted.deliveryId());
        }
      }
    }
  }

  /** The deliveries whose next attempt is due at {@code now} and not under way, the longest-waiting first. */
  public List<Owed> due(Instant now) {
    return owed.values().stream()
        .filter(o -> !o.inFlight() && !o.dueAt().isAfter(now))
        .sorted(Comparator.comparing(Owed::dueAt))
        .toList();
  }

  /** Notes that the next attempt of {@code deliveryId} is under way, so that it is not started twice. */
  public void startAttempt(UUID deliveryId) {
    owed.computeIfPresent(deliveryId, (id, o) -> new Owed(o.delivery(), o.attemptsMade(), o.dueAt(), true));
  }

  /** Notes that the attempt under way was not recorded, so that it is made again. */
  public void abandonAttempt(UUID deliveryId) {
    owed.computeIfPresent(deliveryId, (id, o) -> new Owed(o.delivery(), o.attemptsMade(), o.dueAt(), false));
  }

  /** When the earliest attempt not under way is due; empty when none is owed. */
  public Optional<Instant> nextDue() {
    return owed.values().stream().filter(o -> !o.inFlight()).map(Owed::dueAt).min(Comparator.naturalOrder());
  }

  public int owedCount() {
    return owed.size();
  }

  /** Forgets everything, before the topic is read again from its beginning. */
  public void clear() {
    owed.clear();
    ended.clear();
  }
}
