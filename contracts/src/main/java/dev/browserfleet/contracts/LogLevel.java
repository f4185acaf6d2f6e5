package dev.browserfleet.contracts;

import com.fasterxml.jackson.annotation.JsonValue;

/** Levels of a job_logs row. Its wire and database name is the lower-case {@link #wireName()}. */
public enum LogLevel implements WireEnum {
  DEBUG("debug"), INFO("info"), WARN("warn"), ERROR("error");

  private final String wireName;

  LogLevel(String wireName) {
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
