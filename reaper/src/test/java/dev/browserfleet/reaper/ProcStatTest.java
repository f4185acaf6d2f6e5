package dev.browserfleet.reaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

  private static final String AFTER_COMM =
      " S 1 1234 1234 0 -1 4194560 300 0 0 0 2 1 0 0 20 0 1 0 67498 8192000 220 18446744073709551615";

  @Test
  void theStateAndTheStartTimeAreReadAfterTheCommandName() {
    assertThat(ProcStat.parse("4321 (sleep)" + AFTER_COMM)).isEqualTo(new ProcStat('S', 67498));
  }

  @Test
  void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
    assertThat(ProcStat.parse("4321 (a) b (c) d)" + AFTER_COMM)).isEqualTo(new ProcStat('S', 67498));
  }

  @Test
  void aZombieIsNotRunning() {
    assertThat(ProcStat.parse("4321 (chromium)" + AFTER_COMM.replace(" S ", " Z ")).isRunning()).isFalse();
    assertThat(ProcStat.parse("4321 (chromium)" + AFTER_COMM).isRunning()).isTrue();
  }

  @Test
  void somethingElseIsRefused() {
    assertThatThrownBy(() -> ProcStat.parse("4321 sleep S 1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProcStat.parse("4321 (sleep) S 1 2")).isInstanceOf(IllegalArgumentException.class);
  }
}
