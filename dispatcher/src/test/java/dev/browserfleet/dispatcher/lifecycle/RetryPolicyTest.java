package dev.browserfleet.dispatcher.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static RetryPolicy withJitter(double jitter) {
    return new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> jitter);
  }

  @Test
  void eachRetryDoublesTheStepAndWaitsBetweenHalfAndAllOfIt() {
    assertThat(withJitter(0).delayBefore(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(withJitter(1).delayBefore(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(withJitter(0).delayBefore(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(withJitter(1).delayBefore(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(withJitter(0.5).delayBefore(4)).isEqualTo(Duration.ofMillis(6_000));
  }

  @Test
  void theCapBoundsTheStepHoweverManyRetries() {
    assertThat(withJitter(1).delayBefore(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(withJitter(1).delayBefore(1_000)).isEqualTo(Duration.ofSeconds(30));
    assertThat(withJitter(0).delayBefore(1_000)).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void aZeroBaseRetriesAtOnce() {
    assertThat(new RetryPolicy(Duration.ZERO, Duration.ZERO, () -> 0.7).delayBefore(5)).isZero();
  }

  @Test
  void aCapBelowTheBaseIsAConfigurationError() {
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(1), () -> 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base <= cap");
  }
}
