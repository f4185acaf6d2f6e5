package dev.browserfleet.dispatcher.streams;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads reference data leniently: a record that does not parse is logged and read as absent, so
 * one bad record on a compacted topic cannot stop the dispatcher.
 */
final class TolerantSerde {

  private static final Logger log = LoggerFactory.getLogger(TolerantSerde.class);

  private TolerantSerde() {}

  static <V> Serde<V> of(Class<V> type) {
    return Serdes.serdeFrom(
        (topic, value) -> value == null ? null : JsonCodec.encode(value),
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          try {
            return JsonCodec.decode(bytes, type);
          } catch (MalformedMessageException e) {
            log.warn("Ignoring an unreadable record on {}: {}", topic, e.getMessage());
            return null;
          }
        });
  }
}
