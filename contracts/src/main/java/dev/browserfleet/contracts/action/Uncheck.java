package dev.browserfleet.contracts.action;

/** Clears a checkbox; one already clear stays so. */
public record Uncheck(String target, TargetBy getTargetBy, Integer index, FramePath frame, Integer timeoutMs)
    implements ElementAction {

  @Override
  public String actionName() {
    return "uncheck";
  }
}
