package dev.browserfleet.contracts.action;

/** Types {@code value} into an element key by key, {@code delayMs} apart, after what it holds. */
public record Type(
    String target, TargetBy getTargetBy, Integer index, FramePath frame, Integer timeoutMs, String value, Integer delayMs)
    implements ElementAction {

  @Override
  public String actionName() {
    return "type";
  }

  public int delayOrZero() {
    return delayMs == null ? 0 : delayMs;
  }
}
