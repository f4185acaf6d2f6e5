package dev.browserfleet.contracts.action;

/** Pauses for {@code ms} milliseconds. */
public record Wait(int ms) implements Action {

  @Override
  public String actionName() {
    return "wait";
  }

  @Override
  public Integer timeoutMs() {
    return null;
  }
}
