package dev.browserfleet.contracts.action;

/**
 * Drags the target element onto the element {@code to} (a CSS selector, looked up in the same
 * frame): with HTML5 drag-and-drop events for a draggable source, else with the mouse.
 */
public record DragAndDrop(String target, TargetBy getTargetBy, Integer index, FramePath frame, Integer timeoutMs, String to)
    implements ElementAction {

  @Override
  public String actionName() {
    return "dragAndDrop";
  }
}
