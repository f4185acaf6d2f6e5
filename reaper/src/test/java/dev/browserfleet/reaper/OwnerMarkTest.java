package dev.browserfleet.reaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OwnerMarkTest {

  @Test
  void theMarkIsThePidAndTheStartTimeInBase36() {
    var mark = OwnerMark.of(4_194_304, Instant.ofEpochMilli(1_765_000_000_000L));

    assertThat(mark.value()).isEqualTo("4194304-mitvfg1s");
    assertThat(mark.entry()).isEqualTo("BF_OWNER=4194304-mitvfg1s");
    assertThat(mark.environment()).containsExactly(java.util.Map.entry("BF_OWNER", "4194304-mitvfg1s"));
  }

  @Test
  void twoJvmsGivenTheSamePidInTurnHaveDifferentMarks() {
    assertThat(OwnerMark.of(42, Instant.ofEpochMilli(1000)))
        .isNotEqualTo(OwnerMark.of(42, Instant.ofEpochMilli(1001)));
  }

  @Test
  void aMarkIsNothingButDigitsADashAndBase36Digits() {
    assertThatThrownBy(() -> new OwnerMark("42-x y")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OwnerMark("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OwnerMark("42")).isInstanceOf(IllegalArgumentException.class);
  }
}
