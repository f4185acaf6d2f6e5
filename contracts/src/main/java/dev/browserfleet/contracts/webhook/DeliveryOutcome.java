package dev.browserfleet.contracts.webhook;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.browserfleet.contracts.WireEnum;

/** What an attempt means for its delivery. */
public enum DeliveryOutcome implements WireEnum {
  /** The receiver answered 2xx: the delivery is done. */
  DELIVERED("delivered"),
  /** Another attempt follows. */
  RETRYING("retrying"),
  /** The last attempt: the delivery was given up (24 hours passed, or it can never succeed). */
  GIVEN_UP("given_up");

  private final String wireName;

  DeliveryOutcome(String wireName) {
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
