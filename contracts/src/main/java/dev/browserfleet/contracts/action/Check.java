package dev.browserfleet.contracts.action;

/** Ticks a checkbox or radio button; one already ticked stays so. */
public record Check(String target, TargetBy getTargetBy, Integer index, FramePath frame, Integer timeoutMs)
    implements ElementAction {

  @Override
  public String actionName() {
    return "check";
  }
}
