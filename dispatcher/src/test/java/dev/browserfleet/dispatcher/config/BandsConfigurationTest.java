package dev.browserfleet.dispatcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserfleet.contracts.lane.PriorityBands;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class BandsConfigurationTest {

  @Test
  void withoutConfigurationTheDefaultThreeBandsApply() {
    assertThat(DispatcherConfiguration.bands(new MockEnvironment())).isEqualTo(PriorityBands.DEFAULT);
  }

  @Test
  void configuredBandsReplaceTheDefaults() {
    var env = new MockEnvironment()
        .withProperty("browserfleet.lanes.bands[0].name", "urgent")
        .withProperty("browserfleet.lanes.bands[0].min", "90")
        .withProperty("browserfleet.lanes.bands[0].max", "100")
        .withProperty("browserfleet.lanes.bands[1].name", "bulk")
        .withProperty("browserfleet.lanes.bands[1].min", "0")
        .withProperty("browserfleet.lanes.bands[1].max", "89");
    var bands = DispatcherConfiguration.bands(env);
    assertThat(bands.bands()).extracting(PriorityBands.Band::name).containsExactly("urgent", "bulk");
    assertThat(bands.bandOf(95).name()).isEqualTo("urgent");
  }

  @Test
  void bandsWithAGapFailStartUpWithAClearMessage() {
    var env = new MockEnvironment()
        .withProperty("browserfleet.lanes.bands[0].name", "only")
        .withProperty("browserfleet.lanes.bands[0].min", "10")
        .withProperty("browserfleet.lanes.bands[0].max", "100");
    assertThatThrownBy(() -> DispatcherConfiguration.bands(env)).hasMessageContaining("down to 0");
  }
}
