package dev.browserfleet.contracts.action;

/**
 * Clicks an element once it is visible and enabled: with {@code button} ({@code left}, the
 * default, {@code right} or {@code middle}), {@code clickCount} times (2 is a double click); with
 * {@code waitForNavigation}, returns only once the page the click opened has loaded.
 */
public record Click(
    String target,
    TargetBy getTargetBy,
    Integer index,
    FramePath frame,
    Integer timeoutMs,
    String button,
    Integer clickCount,
    Boolean waitForNavigation)
    implements ElementAction {

  public Click(String target, TargetBy getTargetBy, Integer index, FramePath frame, Integer timeoutMs) {
    this(target, getTargetBy, index, frame, timeoutMs, null, null, null);
  }

  @Override
  public String actionName() {
    return "click";
  }

  public String buttonOrLeft() {
    return button == null ? "left" : button;
  }

  public int clickCountOrOne() {
    return clickCount == null ? 1 : clickCount;
  }

  public boolean waitsForNavigation() {
    return Boolean.TRUE.equals(waitForNavigation);
  }
}
