package dev.browserfleet.dispatcher.streams;

import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.JobLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The clients' job limits, from the API keys' global store. The fair share asks for a client's
 * limits with every notice, two a job; reading the whole store each time made a notice cost one
 * JSON decode per API key there is. Here the store is read again only after it has changed: the
 * global store is kept by {@link #updater()}, which counts its changes, and each {@link View}
 * keeps the keys grouped by client until the count moves.
 */
final class ApiKeyLimits {

  private final AtomicLong changes = new AtomicLong();

  /** Keeps the global store {@code storeName} from bf.api-keys (a null value deletes) and counts each change. */
  ProcessorSupplier<String, ApiKey, Void, Void> updater(String storeName) {
    return () -> new Processor<>() {
      private TimestampedKeyValueStore<String, ApiKey> store;

      @Override
      public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
      }

      @Override
      public void process(Record<String, ApiKey> record) {
        if (record.value() == null) {
          store.delete(record.key());
        } else {
          store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
        }
        changes.incrementAndGet();
      }
    };
  }

  /** A view for one processor (one thread) of {@code store}. */
  View view(TimestampedKeyValueStore<String, ApiKey> store) {
    return new View(store);
  }

  final class View {
    private final TimestampedKeyValueStore<String, ApiKey> store;
    private long seen = -1;
    private Map<String, List<ApiKey>> byClient = Map.of();

    private View(TimestampedKeyValueStore<String, ApiKey> store) {
      this.store = store;
    }

    /** The limits of {@code clientId}'s usable keys at {@code now}; none for no client. */
    JobLimits of(String clientId, Instant now) {
      if (clientId == null || clientId.isEmpty()) {
        return JobLimits.NONE;
      }
      long current = changes.get(); // before reading: a change during the read is read again next time
      if (current != seen) {
        byClient = readByClient();
        seen = current;
      }
      return JobLimits.of(clientId, byClient.getOrDefault(clientId, List.of()), now);
    }

    private Map<String, List<ApiKey>> readByClient() {
      var keys = new HashMap<String, List<ApiKey>>();
      try (KeyValueIterator<String, ValueAndTimestamp<ApiKey>> all = store.all()) {
        while (all.hasNext()) {
          var value = all.next().value;
          if (value != null && value.value() != null && value.value().clientId() != null) {
            keys.computeIfAbsent(value.value().clientId(), client -> new ArrayList<>()).add(value.value());
          }
        }
      }
      return keys;
    }
  }
}
