package dev.browserfleet.contracts;

import com.fasterxml.jackson.annotation.JsonValue;

/** The browser engine a job runs on; a lane is an engine and a priority band. Its wire and database name is the lower-case {@link #wireName()}. */
public enum Engine implements WireEnum {
  CHROMIUM("chromium"), FIREFOX("firefox"), WEBKIT("webkit");

  private final String wireName;

  Engine(String wireName) {
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
