package dev.browserfleet.contracts.action;

/** Goes one page forward in the tab's history, and waits for it as the job's {@code waitUntil} says. */
public record Forward(Integer timeoutMs) implements Action {

  @Override
  public String actionName() {
    return "forward";
  }
}
