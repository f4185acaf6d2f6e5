package dev.browserfleet.contracts;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a browser type emulates. Its wire and database name is the lower-case {@link #wireName()}. */
public enum DeviceType implements WireEnum {
  DESKTOP("desktop"), MOBILE("mobile");

  private final String wireName;

  DeviceType(String wireName) {
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
