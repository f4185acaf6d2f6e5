package dev.browserfleet.contracts.action;

/**
 * Captures the viewport, or the whole page when {@code fullPage} is set, as {@code png} (the
 * default) or {@code jpeg} with {@code quality} 0-100.
 */
public record Screenshot(Boolean fullPage, String type, Integer quality, Integer timeoutMs)
    implements Action {

  @Override
  public String actionName() {
    return "screenshot";
  }

  public boolean wantsFullPage() {
    return Boolean.TRUE.equals(fullPage);
  }

  public String typeOrPng() {
    return type == null ? "png" : type;
  }
}
