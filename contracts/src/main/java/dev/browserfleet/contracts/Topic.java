package dev.browserfleet.contracts;

/**
 * A topic's name, the type of its values (JSON through {@link JsonCodec}) and how it is kept. Keys
 * are always UTF-8 strings; {@code key} says what they hold.
 *
 * @param compacted whether only the latest value of each key is kept (such topics have one partition,
 *     so that their readers see every key in one ordered log)
 * @param onePartition whether the topic has a single partition whatever the default
 */
public record Topic<V>(String name, Class<V> valueType, String key, boolean compacted, boolean onePartition) {

  public Topic(String name, Class<V> valueType, String key, boolean compacted) {
    this(name, valueType, key, compacted, compacted);
  }

  @Override
  public String toString() {
    return name;
  }
}
