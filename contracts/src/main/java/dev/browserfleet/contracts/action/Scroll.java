package dev.browserfleet.contracts.action;

/**
 * Scrolls the page at {@code speed} pixels per second (default {@value #DEFAULT_SPEED}): to
 * {@code targetY}, to the bottom with {@code toBottom}, or until the {@code target} element is in
 * view.
 */
public record Scroll(
    String target,
    TargetBy getTargetBy,
    Integer index,
    FramePath frame,
    Integer timeoutMs,
    Integer targetY,
    Boolean toBottom,
    Integer speed)
    implements ElementAction {

  public static final int DEFAULT_SPEED = 3000;

  @Override
  public String actionName() {
    return "scroll";
  }

  @Override
  public boolean targetRequired() {
    return false;
  }

  public boolean wantsBottom() {
    return Boolean.TRUE.equals(toBottom);
  }

  public int speedOrDefault() {
    return speed == null ? DEFAULT_SPEED : speed;
  }
}
