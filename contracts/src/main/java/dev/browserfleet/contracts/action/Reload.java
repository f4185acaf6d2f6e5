package dev.browserfleet.contracts.action;

/** Reloads the page, and waits for it as the job's {@code waitUntil} says. */
public record Reload(Integer timeoutMs) implements Action {

  @Override
  public String actionName() {
    return "reload";
  }
}
