package dev.browserfleet.contracts.action;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.browserfleet.contracts.WireEnum;

/** How an element action's {@code target} is read. */
public enum TargetBy implements WireEnum {
  GET_BY_SELECTOR("getBySelector"),
  GET_BY_TEXT("getByText"),
  GET_BY_LABEL("getByLabel"),
  GET_BY_ROLE("getByRole"),
  GET_BY_PLACEHOLDER("getByPlaceholder"),
  GET_BY_TEST_ID("getByTestId"),
  GET_BY_XPATH("getByXPath");

  private final String wireName;

  TargetBy(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  @Override
  public String wireName() {
    return wireName;
  }
}
