package dev.browserfleet.contracts.action;

/**
 * Presses {@code key} (a character, or a key name such as {@code Enter}, {@code Tab}, {@code
 * ArrowDown}, optionally with modifiers: {@code Control+a}) on an element, or on whatever has the
 * focus when there is no {@code target}.
 */
public record Press(String target, TargetBy getTargetBy, Integer index, FramePath frame, Integer timeoutMs, String key)
    implements ElementAction {

  @Override
  public String actionName() {
    return "press";
  }

  @Override
  public boolean targetRequired() {
    return false;
  }
}
