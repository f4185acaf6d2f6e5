package dev.browserfleet.contracts.action;

/** Chooses an option of a {@code <select>}: by its {@code value}, its visible {@code label}, or its {@code optionIndex}. */
public record Select(
    String target,
    TargetBy getTargetBy,
    Integer index,
    FramePath frame,
    Integer timeoutMs,
    String value,
    String label,
    Integer optionIndex)
    implements ElementAction {

  @Override
  public String actionName() {
    return "select";
  }
}
