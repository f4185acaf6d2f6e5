package dev.browserfleet.dispatcher.lifecycle;

import dev.browserfleet.contracts.lane.Lane;
import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.contracts.reference.BrowserType;

/** Routes a job to its lane: the engine of its browser type, and the band of its priority. */
public final class LaneRouter {

  private final PriorityBands bands;

  public LaneRouter(PriorityBands bands) {
    this.bands = bands;
  }

  public Lane route(BrowserType type, int priority) {
    return new Lane(type.type(), bands.bandOf(priority).name());
  }
}
