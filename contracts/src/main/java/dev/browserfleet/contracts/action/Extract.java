package dev.browserfleet.contracts.action;

/**
 * Reads an element into {@code result.data[name]}: its {@code attribute}, or its {@code property}
 * ({@code text}, the default, {@code html} or {@code value} as strings; its live state {@code
 * checked}, {@code selected} or {@code disabled} as booleans; {@code style:<css-property>}, the
 * computed value, as a string); every match when {@code all} is set.
 */
public record Extract(
    String name,
    String target,
    TargetBy getTargetBy,
    Integer index,
    FramePath frame,
    Integer timeoutMs,
    String attribute,
    String property,
    Boolean all)
    implements ElementAction {

  @Override
  public String actionName() {
    return "extract";
  }

  public boolean wantsAll() {
    return Boolean.TRUE.equals(all);
  }
}
