package dev.browserfleet.contracts.action;

/** An action on one element, found by {@link #target()} interpreted as {@link #getTargetBy()}. */
public sealed interface ElementAction extends Action permits Click, Fill, Extract {

  String target();

  /** How to read {@link #target()}; CSS when absent. */
  TargetBy getTargetBy();

  /** Which of several matches to use, 0-based; the first when absent. */
  Integer index();

  /** A CSS selector of the iframe to act inside, or {@code null} for the page itself. */
  String frame();

  default TargetBy targetBy() {
    return getTargetBy() == null ? TargetBy.GET_BY_SELECTOR : getTargetBy();
  }

  default int indexOrFirst() {
    return index() == null ? 0 : index();
  }
}
