package dev.browserfleet.contracts.action;

/** Clicks an element once it is visible and enabled. */
public record Click(String target, TargetBy getTargetBy, Integer index, String frame, Integer timeoutMs)
    implements ElementAction {

  @Override
  public String actionName() {
    return "click";
  }
}
