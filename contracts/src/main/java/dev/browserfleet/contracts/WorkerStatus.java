package dev.browserfleet.contracts;

import com.fasterxml.jackson.annotation.JsonValue;

/** Status of a browser_workers row. Its wire and database name is the lower-case {@link #wireName()}. */
public enum WorkerStatus implements WireEnum {
  IDLE("idle"), BUSY("busy"), OFFLINE("offline");

  private final String wireName;

  WorkerStatus(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  @Override
  public String wireName() {
    return wireName;
  }


  @Override
  public String toString() {
    return wireName;
  }
}
