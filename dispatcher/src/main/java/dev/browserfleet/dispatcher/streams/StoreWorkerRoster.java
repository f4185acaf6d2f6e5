package dev.browserfleet.dispatcher.streams;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.event.WorkerEvent;
import dev.browserfleet.contracts.event.WorkerHeartbeat;
import dev.browserfleet.dispatcher.lifecycle.WorkerRoster;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** The workers' latest words, from the global table of bf.worker-events. */
final class StoreWorkerRoster implements WorkerRoster {

  private final TimestampedKeyValueStore<String, WorkerEvent> store;

  StoreWorkerRoster(TimestampedKeyValueStore<String, WorkerEvent> store) {
    this.store = store;
  }

  @Override
  public Optional<WorkerEvent> lastWord(WorkerId worker) {
    return Optional.ofNullable(store.get(worker.toString())).map(ValueAndTimestamp::value);
  }

  @Override
  public boolean anyLive(Engine engine, Instant now, Duration lostAfter) {
    try (KeyValueIterator<String, ValueAndTimestamp<WorkerEvent>> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, ValueAndTimestamp<WorkerEvent>> entry = all.next();
        WorkerEvent word = entry.value == null ? null : entry.value.value();
        if (word instanceof WorkerHeartbeat beat && beat.engine() == engine && WorkerRoster.isLive(beat, now, lostAfter)) {
          return true;
        }
      }
    }
    return false;
  }
}
