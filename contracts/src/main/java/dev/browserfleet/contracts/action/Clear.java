package dev.browserfleet.contracts.action;

/** Empties an input or text area. */
public record Clear(String target, TargetBy getTargetBy, Integer index, FramePath frame, Integer timeoutMs)
    implements ElementAction {

  @Override
  public String actionName() {
    return "clear";
  }
}
