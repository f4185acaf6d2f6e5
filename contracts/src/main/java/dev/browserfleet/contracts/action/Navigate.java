package dev.browserfleet.contracts.action;

import dev.browserfleet.contracts.WaitUntil;

/** Opens {@code url}; {@code waitUntil} falls back to the job's. */
public record Navigate(String url, WaitUntil waitUntil, Integer timeoutMs) implements Action {

  @Override
  public String actionName() {
    return "navigate";
  }
}
