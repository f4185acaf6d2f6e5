package dev.browserfleet.contracts;

import java.util.Arrays;
import java.util.Optional;

/**
 * An enum whose wire and database name is a stable lower-case string, never the Java constant
 * name. Jackson writes and reads it through the {@code @JsonValue} on {@link #wireName()}.
 */
public interface WireEnum {

  String wireName();

  /** The constant of {@code type} whose wire name is {@code name}, if any. */
  static <E extends Enum<E> & WireEnum> Optional<E> fromWireName(Class<E> type, String name) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.wireName().equals(name)).findFirst();
  }
}
