package dev.browserfleet.contracts;

import com.fasterxml.jackson.annotation.JsonValue;

/** When a navigation counts as done. Its wire and database name is the lower-case {@link #wireName()}. */
public enum WaitUntil implements WireEnum {
  LOAD("load"), DOM_CONTENT_LOADED("domcontentloaded"), NETWORK_IDLE("networkidle");

  private final String wireName;

  WaitUntil(String wireName) {
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
