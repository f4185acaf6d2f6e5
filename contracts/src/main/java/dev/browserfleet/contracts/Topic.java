package dev.browserfleet.contracts;

/**
 * A topic's name, the type of its values (JSON through {@link JsonCodec}) and how it is kept. Keys
 * are always UTF-8 strings; {@code key} says what they hold.
 */
public record Topic<V>(String name, Class<V> valueType, String key, boolean compacted) {

  @Override
  public String toString() {
    return name;
  }
}
