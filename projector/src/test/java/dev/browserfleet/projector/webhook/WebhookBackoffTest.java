package dev.browserfleet.projector.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookBackoffTest {

  private static final Instant SCHEDULED = Instant.parse("2026-12-01T00:00:00Z");
  private final WebhookBackoff backoff = new WebhookBackoff(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofHours(24));

  @Test
  void theWaitDoublesFromTheBaseUpToTheCap() {
    assertThat(backoff.waitMillis(1)).isEqualTo(10_000);
    assertThat(backoff.waitMillis(2)).isEqualTo(20_000);
    assertThat(backoff.waitMillis(5)).isEqualTo(160_000);
    assertThat(backoff.waitMillis(12)).isEqualTo(3_600_000);
    assertThat(backoff.waitMillis(1_000)).isEqualTo(3_600_000);
  }

  @Test
  void jitterKeepsTheWaitBetweenHalfAndAllOfIt() {
    Instant now = SCHEDULED.plusSeconds(60);
    assertThat(backoff.nextAttempt(3, SCHEDULED, now, () -> 0.0)).hasValue(now.plusSeconds(20));
    assertThat(backoff.nextAttempt(3, SCHEDULED, now, () -> 0.999_999)).hasValueSatisfying(
        next -> assertThat(next).isBetween(now.plusSeconds(39), now.plusSeconds(40)));
  }

  @Test
  void aDeliveryIsGivenUpOnceTheNextAttemptWouldFallPast24Hours() {
    Instant late = SCHEDULED.plus(Duration.ofHours(23)).plus(Duration.ofMinutes(59));
    assertThat(backoff.nextAttempt(30, SCHEDULED, late, () -> 0.0)).isEmpty();
    assertThat(backoff.nextAttempt(1, SCHEDULED, late, () -> 0.0)).hasValue(late.plusSeconds(5));
  }

  @Test
  void aScheduleOfAttemptsSpansAboutADay() {
    Instant at = SCHEDULED;
    int attempts = 1;
    while (true) {
      var next = backoff.nextAttempt(attempts, SCHEDULED, at, () -> 0.5);
      if (next.isEmpty()) {
        break;
      }
      at = next.get();
      attempts++;
    }
    // 10 s, 20 s ... up to hourly: about 30 attempts in 24 hours.
    assertThat(attempts).isBetween(25, 40);
    assertThat(Duration.between(SCHEDULED, at)).isBetween(Duration.ofHours(23), Duration.ofHours(24));
  }
}
