package dev.browserfleet.contracts.action;

/**
 * Moves the mouse along a curved, human-like path to the {@code target} element's centre, or to
 * the page point ({@code x}, {@code y}), taking about {@code durationMs} (default {@value
 * #DEFAULT_DURATION_MS}).
 */
public record MoveCursor(
    String target,
    TargetBy getTargetBy,
    Integer index,
    FramePath frame,
    Integer timeoutMs,
    Integer x,
    Integer y,
    Integer durationMs)
    implements ElementAction {

  public static final int DEFAULT_DURATION_MS = 400;

  @Override
  public String actionName() {
    return "moveCursor";
  }

  @Override
  public boolean targetRequired() {
    return false;
  }

  public int durationOrDefault() {
    return durationMs == null ? DEFAULT_DURATION_MS : durationMs;
  }
}
