package dev.browserfleet.kafka;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.Topic;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serdes of a {@link Topic}: string keys, JSON values through {@link JsonCodec}. A value that
 * does not parse throws {@link dev.browserfleet.contracts.MalformedMessageException}; each consumer
 * decides where such a record goes (the dead-letter topic).
 */
public final class TopicSerde {

  private TopicSerde() {}

  public static Serde<String> keys() {
    return Serdes.String();
  }

  @SuppressWarnings("unchecked")
  public static <V> Serde<V> values(Topic<V> topic) {
    if (topic.valueType() == byte[].class) {
      return (Serde<V>) Serdes.ByteArray();
    }
    return Serdes.serdeFrom(serializer(), deserializer(topic.valueType()));
  }

  /** JSON for values, except raw {@code byte[]} values (dead letters), which pass through. */
  public static <V> Serializer<V> serializer() {
    return (topicName, value) -> switch (value) {
      case null -> null;
      case byte[] raw -> raw;
      default -> JsonCodec.encode(value);
    };
  }

  @SuppressWarnings("unchecked")
  public static <V> Deserializer<V> deserializer(Class<V> type) {
    if (type == byte[].class) {
      return (topicName, bytes) -> (V) bytes;
    }
    return (topicName, bytes) -> bytes == null ? null : JsonCodec.decode(bytes, type);
  }
}
