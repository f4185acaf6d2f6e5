package dev.browserfleet.projector.webhook;

import dev.browserfleet.contracts.webhook.DeliveryAttempted;
import dev.browserfleet.contracts.webhook.DeliveryOutcome;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/** What an attempt's result means for its delivery: done on a 2xx, else retried until the backoff gives up. */
public final class Attempts {

  private Attempts() {}

  public static DeliveryAttempted record(
      DeliveryBook.Owed owed, AttemptResult result, Instant attemptedAt, WebhookBackoff backoff, DoubleSupplier random) {
    var delivery = owed.delivery();
    int attempt = owed.nextAttempt();
    Integer status = result instanceof AttemptResult.Answered answered ? answered.statusCode() : null;
    String error = switch (result) {
      case AttemptResult.Answered answered -> null;
      case AttemptResult.NoAnswer noAnswer -> noAnswer.error();
      case AttemptResult.Hopeless hopeless -> hopeless.error();
    };
    boolean succeeded = status != null && status >= 200 && status < 300;
    Optional<Instant> next = succeeded || result instanceof AttemptResult.Hopeless
        ? Optional.empty()
        : backoff.nextAttempt(attempt, delivery.scheduledAt(), attemptedAt.plusMillis(result.durationMs()), random);
    DeliveryOutcome outcome = succeeded ? DeliveryOutcome.DELIVERED
        : next.isPresent() ? DeliveryOutcome.RETRYING : DeliveryOutcome.GIVEN_UP;
    return new DeliveryAttempted(
        delivery.deliveryId(), delivery.jobId(), attempt, attemptedAt, status, error, result.durationMs(), outcome,
        next.orElse(null));
  }
}
