package dev.browserfleet.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserfleet.contracts.lane.Lane;
import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.contracts.lane.PriorityBands.Band;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriorityBandsTest {

  @Test
  void theDefaultBandsSplitZeroToHundredInThree() {
    var bands = PriorityBands.DEFAULT;
    assertThat(bands.bandOf(100).name()).isEqualTo("high");
    assertThat(bands.bandOf(67).name()).isEqualTo("high");
    assertThat(bands.bandOf(66).name()).isEqualTo("normal");
    assertThat(bands.bandOf(34).name()).isEqualTo("normal");
    assertThat(bands.bandOf(33).name()).isEqualTo("low");
    assertThat(bands.bandOf(0).name()).isEqualTo("low");
  }

  @Test
  void bandsAreKeptHighestFirstWhateverTheOrderGiven() {
    var bands = new PriorityBands(List.of(new Band("low", 0, 49), new Band("high", 50, 100)));
    assertThat(bands.bands()).extracting(Band::name).containsExactly("high", "low");
  }

  @Test
  void gapsOverlapsAndShortfallsAreRefusedAtConstruction() {
    assertThatThrownBy(() -> new PriorityBands(List.of(new Band("a", 0, 40), new Band("b", 50, 100))))
        .hasMessageContaining("without gaps");
    assertThatThrownBy(() -> new PriorityBands(List.of(new Band("a", 0, 60), new Band("b", 50, 100))))
        .hasMessageContaining("without gaps");
    assertThatThrownBy(() -> new PriorityBands(List.of(new Band("a", 10, 100))))
        .hasMessageContaining("down to 0");
  }

  @Test
  void aPriorityOutsideTheRangeHasNoBand() {
    assertThatThrownBy(() -> PriorityBands.DEFAULT.bandOf(101)).hasMessageContaining("outside 0-100");
  }

  @Test
  void aLaneTopicNamesItsEngineAndBand() {
    assertThat(new Lane(Engine.WEBKIT, "high").topicName()).isEqualTo("bf.lane.webkit.high");
    assertThat(Topics.all(PriorityBands.DEFAULT)).hasSize(11 + 9);
  }
}
