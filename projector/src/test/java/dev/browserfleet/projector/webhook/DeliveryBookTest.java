package dev.browserfleet.projector.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.webhook.DeliveryAttempted;
import dev.browserfleet.contracts.webhook.DeliveryOutcome;
import dev.browserfleet.contracts.webhook.DeliveryScheduled;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryBookTest {

  private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
  private static final WebhookBackoff BACKOFF = new WebhookBackoff(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofHours(24));

  private final DeliveryBook book = new DeliveryBook();
  private final DeliveryScheduled scheduled = aScheduledDelivery();

  @Test
  void aScheduledDeliveryIsDueAtOnceAndOnlyOnceWhileUnderWay() {
    book.apply(scheduled);

    assertThat(book.due(AT)).extracting(o -> o.delivery().deliveryId()).containsExactly(scheduled.deliveryId());
    book.startAttempt(scheduled.deliveryId());
    assertThat(book.due(AT.plusSeconds(60))).isEmpty();
  }

  @Test
  void aFailedAttemptMakesTheNextOneDueAfterTheBackoff() {
    book.apply(scheduled);
    var failed = Attempts.record(book.due(AT).getFirst(), new AttemptResult.Answered(500, 12), AT, BACKOFF, () -> 0.0);
    book.apply(failed);

    assertThat(failed.outcome()).isEqualTo(DeliveryOutcome.RETRYING);
    assertThat(failed.attempt()).isEqualTo(1);
    assertThat(book.due(AT.plusSeconds(1))).isEmpty();
    assertThat(book.nextDue()).hasValue(failed.nextAttemptAt());
    assertThat(book.due(failed.nextAttemptAt()).getFirst().nextAttempt()).isEqualTo(2);
  }

  @Test
  void rebuildingFromTheTopicAfterARestartOwesExactlyWhatWasOwed() {
    var first = Attempts.record(new DeliveryBook.Owed(scheduled, 0, AT, false), new AttemptResult.NoAnswer("timeout", 10_000), AT,
        BACKOFF, () -> 0.0);
    var rebuilt = new DeliveryBook();
    rebuilt.apply(scheduled);
    rebuilt.apply(first);
    // The sender reads its own record back: nothing changes.
    rebuilt.apply(first);

    assertThat(rebuilt.owedCount()).isEqualTo(1);
    assertThat(rebuilt.due(first.nextAttemptAt()).getFirst().nextAttempt()).isEqualTo(2);
  }

  @Test
  void aDeliveredDeliveryIsNeverOwedAgainEvenIfItsJobsEndIsScheduledTwice() {
    book.apply(scheduled);
    var ok = Attempts.record(book.due(AT).getFirst(), new AttemptResult.Answered(204, 5), AT, BACKOFF, () -> 0.0);
    book.apply(ok);
    book.apply(scheduled);

    assertThat(ok.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
    assertThat(ok.nextAttemptAt()).isNull();
    assertThat(book.owedCount()).isZero();
    assertThat(book.nextDue()).isEmpty();
  }

  @Test
  void aRedirectIsAFailureAndAHopelessDeliveryIsGivenUpAtOnce() {
    book.apply(scheduled);
    var redirected = Attempts.record(book.due(AT).getFirst(), new AttemptResult.Answered(302, 5), AT, BACKOFF, () -> 0.0);
    assertThat(redirected.outcome()).isEqualTo(DeliveryOutcome.RETRYING);

    var hopeless = Attempts.record(book.due(AT).getFirst(), new AttemptResult.Hopeless("the signing key is gone", 0), AT,
        BACKOFF, () -> 0.0);
    assertThat(hopeless.outcome()).isEqualTo(DeliveryOutcome.GIVEN_UP);
    assertThat(hopeless.error()).isEqualTo("the signing key is gone");
  }

  @Test
  void anAttemptPast24HoursIsTheLastAndMarkedGivenUp() {
    var owed = new DeliveryBook.Owed(scheduled, 29, AT.plus(Duration.ofHours(24)), false);
    var last = Attempts.record(owed, new AttemptResult.Answered(503, 5), AT.plus(Duration.ofHours(24)), BACKOFF, () -> 0.0);

    assertThat(last.outcome()).isEqualTo(DeliveryOutcome.GIVEN_UP);
    assertThat(last.attempt()).isEqualTo(30);
    book.apply(scheduled);
    book.apply(new DeliveryAttempted(scheduled.deliveryId(), scheduled.jobId(), 30, AT, 503, null, 5, DeliveryOutcome.GIVEN_UP, null));
    assertThat(book.owedCount()).isZero();
  }

  private static DeliveryScheduled aScheduledDelivery() {
    return new DeliveryScheduled(UUID.randomUUID(), JobId.random(), "acme", "https://hooks.example/bf", UUID.randomUUID(), "{}", AT);
  }
}
