package dev.browserfleet.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies one job across every topic and table. Serialised as a plain UUID string. */
public record JobId(UUID value) {

  public JobId {
    Objects.requireNonNull(value, "value");
  }

  public static JobId random() {
    return new JobId(UUID.randomUUID());
  }

  /** Parses a UUID string; throws {@link IllegalArgumentException} when it is not one. */
  @JsonCreator
  public static JobId of(String value) {
    return new JobId(UUID.fromString(value));
  }

  @JsonValue
  @Override
  public String toString() {
    return value.toString();
  }
}
