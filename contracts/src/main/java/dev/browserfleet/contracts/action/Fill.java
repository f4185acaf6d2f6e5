package dev.browserfleet.contracts.action;

/** Replaces an input's value with {@code value}. */
public record Fill(
    String target, TargetBy getTargetBy, Integer index, FramePath frame, Integer timeoutMs, String value)
    implements ElementAction {

  @Override
  public String actionName() {
    return "fill";
  }
}
