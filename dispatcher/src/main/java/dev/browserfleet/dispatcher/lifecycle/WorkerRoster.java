package dev.browserfleet.dispatcher.lifecycle;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.event.WorkerEvent;
import dev.browserfleet.contracts.event.WorkerHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The latest word of each worker slot, as the dispatcher has read them from bf.worker-events. */
public interface WorkerRoster {

  Optional<WorkerEvent> lastWord(WorkerId worker);

  /** Whether any worker of {@code engine} heartbeated within {@code lostAfter} of {@code now}. */
  boolean anyLive(Engine engine, Instant now, Duration lostAfter);

  /** A worker is live when its last word is a heartbeat younger than {@code lostAfter}. */
  static boolean isLive(WorkerEvent lastWord, Instant now, Duration lostAfter) {
    return lastWord instanceof WorkerHeartbeat beat && !beat.occurredAt().plus(lostAfter).isBefore(now);
  }
}
