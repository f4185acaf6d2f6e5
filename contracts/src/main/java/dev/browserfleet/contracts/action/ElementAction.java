package dev.browserfleet.contracts.action;

/**
 * An action on an element, found by {@link #target()} interpreted as {@link #getTargetBy()}. For
 * actions whose target is optional ({@link #targetRequired()} false), no target means the page.
 */
public sealed interface ElementAction extends Action
    permits Click, Fill, Type, Clear, Select, Check, Uncheck, Hover, Press, Scroll, MoveCursor, WaitFor,
        Screenshot, Extract, DragAndDrop, Upload {

  String target();

  /** How to read {@link #target()}; CSS when absent. */
  TargetBy getTargetBy();

  /** Which of several matches to use, 0-based; the first when absent. */
  Integer index();

  /** The iframe to act inside, or a path of nested ones, or {@code null} for the page itself. */
  FramePath frame();

  /** Whether the action needs a target; those that do not act on the page without one. */
  default boolean targetRequired() {
    return true;
  }

  default boolean hasTarget() {
    return target() != null;
  }

  default TargetBy targetBy() {
    return getTargetBy() == null ? TargetBy.GET_BY_SELECTOR : getTargetBy();
  }

  default int indexOrFirst() {
    return index() == null ? 0 : index();
  }
}
