package dev.browserfleet.contracts;

import java.time.Duration;

/**
 * A topic's name, the type of its values (JSON through {@link JsonCodec}) and how it is kept. Keys
 * are always UTF-8 strings; {@code key} says what they hold.
 *
 * @param compacted whether only the latest value of each key is kept (such topics have one partition,
 *     so that their readers see every key in one ordered log)
 * @param onePartition whether the topic has a single partition whatever the default
 * @param expiresAfter for a compacted topic, how long a key's latest value is kept before it is
 *     deleted too ({@code null}: for good)
 */
public record Topic<V>(
    String name, Class<V> valueType, String key, boolean compacted, boolean onePartition, Duration expiresAfter) {

  public Topic(String name, Class<V> valueType, String key, boolean compacted) {
    this(name, valueType, key, compacted, compacted, null);
  }

  public Topic(String name, Class<V> valueType, String key, boolean compacted, boolean onePartition) {
    this(name, valueType, key, compacted, onePartition, null);
  }

  /** This compacted topic, with values deleted {@code after} they were written. */
  public Topic<V> expiringAfter(Duration after) {
    if (!compacted) {
      throw new IllegalStateException(name + " is not compacted; its retention is the broker's");
    }
    return new Topic<>(name, valueType, key, true, onePartition, after);
  }

  @Override
  public String toString() {
    return name;
  }
}
