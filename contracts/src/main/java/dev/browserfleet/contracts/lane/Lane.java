package dev.browserfleet.contracts.lane;

import dev.browserfleet.contracts.Engine;

/** A queue of jobs: one engine, one priority band. Its topic is {@code bf.lane.<engine>.<band>}. */
public record Lane(Engine engine, String band) {

  public String topicName() {
    return "bf.lane." + engine.wireName() + "." + band;
  }

  @Override
  public String toString() {
    return engine.wireName() + "/" + band;
  }
}
