package dev.browserfleet.contracts.reference;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.browserfleet.contracts.WireEnum;

/** Status of an API key (SCHEMA.md api_keys.status). */
public enum ApiKeyStatus implements WireEnum {
  ACTIVE("active"),
  REVOKED("revoked");

  private final String wireName;

  ApiKeyStatus(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  @Override
  public String wireName() {
    return wireName;
  }
}
