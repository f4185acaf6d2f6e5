package dev.browserfleet.contracts.action;

/** Moves the mouse over an element. */
public record Hover(String target, TargetBy getTargetBy, Integer index, FramePath frame, Integer timeoutMs)
    implements ElementAction {

  @Override
  public String actionName() {
    return "hover";
  }
}
