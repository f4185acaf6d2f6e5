package dev.browserfleet.contracts.action;

/** Goes one page back in the tab's history, and waits for it as the job's {@code waitUntil} says. */
public record Back(Integer timeoutMs) implements Action {

  @Override
  public String actionName() {
    return "back";
  }
}
