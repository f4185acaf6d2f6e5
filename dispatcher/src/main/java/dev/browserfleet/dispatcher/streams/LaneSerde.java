package dev.browserfleet.dispatcher.streams;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Writes an {@link Outbound.Assignment}'s JSON; the topic comes from the same value. */
final class LaneSerde {

  static final Serde<Outbound> INSTANCE =
      Serdes.serdeFrom(
          (topic, out) -> out == null ? null : Outbound.bytesOf(out),
          (topic, bytes) -> {
            throw new UnsupportedOperationException("lane records are only written here");
          });

  private LaneSerde() {}
}
