package dev.browserfleet.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one browser slot of a worker process: the unit that SCHEMA.md's {@code
 * browser_workers} table tracks (one current job at a time).
 */
public record WorkerId(UUID value) {

  public WorkerId {
    Objects.requireNonNull(value, "value");
  }

  /** The stable id of slot {@code slot} of the worker process {@code instance}. */
  public static WorkerId ofSlot(String instance, String engine, int slot) {
    var name = instance + "/" + engine + "/" + slot;
    return new WorkerId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
  }

  @JsonCreator
  public static WorkerId of(String value) {
    return new WorkerId(UUID.fromString(value));
  }

  @JsonValue
  @Override
  public String toString() {
    return value.toString();
  }
}
