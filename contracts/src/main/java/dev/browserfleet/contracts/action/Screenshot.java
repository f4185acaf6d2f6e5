package dev.browserfleet.contracts.action;

/**
 * Captures the viewport, the whole page when {@code fullPage} is set, or one element when a
 * {@code target} is given, as {@code png} (the default) or {@code jpeg} with {@code quality} 0-100.
 */
public record Screenshot(
    Boolean fullPage,
    String type,
    Integer quality,
    Integer timeoutMs,
    String target,
    TargetBy getTargetBy,
    Integer index,
    FramePath frame)
    implements ElementAction {

  public Screenshot(Boolean fullPage, String type, Integer quality, Integer timeoutMs) {
    this(fullPage, type, quality, timeoutMs, null, null, null, null);
  }

  @Override
  public String actionName() {
    return "screenshot";
  }

  @Override
  public boolean targetRequired() {
    return false;
  }

  public boolean wantsFullPage() {
    return Boolean.TRUE.equals(fullPage);
  }

  public String typeOrPng() {
    return type == null ? "png" : type;
  }
}
