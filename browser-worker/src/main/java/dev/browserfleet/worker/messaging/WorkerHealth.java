package dev.browserfleet.worker.messaging;

import dev.browserfleet.contracts.Engine;
import java.util.Map;

/** How ready the worker is, per advertised engine. */
public record WorkerHealth(boolean running, Map<Engine, EngineHealth> engines) {

  public WorkerHealth {
    engines = Map.copyOf(engines);
  }

  /** Up when running and every slot of every engine is ready. */
  public boolean isUp() {
    return running && !engines.isEmpty() && engines.values().stream().allMatch(EngineHealth::allReady);
  }

  /**
   * @param slots slots configured
   * @param readySlots slots polling with a started session
   * @param liveSessions browser sessions open
   */
  public record EngineHealth(int slots, int readySlots, int liveSessions, String driver) {
    public boolean allReady() {
      return readySlots == slots;
    }
  }
}
