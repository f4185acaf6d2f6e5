package dev.browserfleet.contracts.reference;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.browserfleet.contracts.WireEnum;

/** Whether a URL policy allows or denies what it matches (SCHEMA.md url_policies.type). */
public enum UrlPolicyType implements WireEnum {
  WHITELIST("whitelist"),
  BLACKLIST("blacklist");

  private final String wireName;

  UrlPolicyType(String wireName) {
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
