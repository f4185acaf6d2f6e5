package dev.browserfleet.dispatcher.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.lane.Lane;
import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.contracts.lane.PriorityBands.Band;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaneRouterTest {

  private final LaneRouter router = new LaneRouter(PriorityBands.DEFAULT);

  @Test
  void aJobGoesToTheLaneOfItsBrowserTypesEngineAndItsPrioritysBand() {
    var chromiumMobile = SeedBrowserTypes.all().get(1);
    var webkit = SeedBrowserTypes.all().get(4);
    assertThat(router.route(chromiumMobile, 100)).isEqualTo(new Lane(Engine.CHROMIUM, "high"));
    assertThat(router.route(chromiumMobile, 50)).isEqualTo(new Lane(Engine.CHROMIUM, "normal"));
    assertThat(router.route(webkit, 0)).isEqualTo(new Lane(Engine.WEBKIT, "low"));
  }

  @Test
  void configuredBandsChangeTheRouting() {
    var twoBands = new LaneRouter(new PriorityBands(List.of(new Band("urgent", 90, 100), new Band("bulk", 0, 89))));
    var firefox = SeedBrowserTypes.all().get(2);
    assertThat(twoBands.route(firefox, 89).topicName()).isEqualTo("bf.lane.firefox.bulk");
    assertThat(twoBands.route(firefox, 90).topicName()).isEqualTo("bf.lane.firefox.urgent");
  }
}
