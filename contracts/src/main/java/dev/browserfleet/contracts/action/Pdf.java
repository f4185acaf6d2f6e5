package dev.browserfleet.contracts.action;

/**
 * Prints the page to PDF: paper {@code format} ({@code A4}, the default, {@code A3}, {@code A5},
 * {@code Letter}, {@code Legal} or {@code Tabloid}), {@code landscape}, {@code printBackground},
 * {@code margin} in centimetres and {@code scale} (0.1-2). Engines that cannot print fail it with
 * a clear message.
 */
public record Pdf(
    String format, Boolean landscape, Boolean printBackground, Margin margin, Double scale, Integer timeoutMs)
    implements Action {

  /** Page margins in centimetres; an absent side is 1 cm. */
  public record Margin(Double top, Double right, Double bottom, Double left) {}

  @Override
  public String actionName() {
    return "pdf";
  }

  public String formatOrA4() {
    return format == null ? "A4" : format;
  }
}
