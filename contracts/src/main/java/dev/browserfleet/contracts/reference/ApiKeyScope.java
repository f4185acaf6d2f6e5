package dev.browserfleet.contracts.reference;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.browserfleet.contracts.WireEnum;

/** What a client key may do. A key created without scopes has all of them. */
public enum ApiKeyScope implements WireEnum {
  /** Read its client's jobs, their logs, events and artifacts; list browser types, workers, stats. */
  JOBS_READ("jobs:read"),
  /** Submit and cancel jobs. */
  JOBS_WRITE("jobs:write");

  private final String wireName;

  ApiKeyScope(String wireName) {
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
