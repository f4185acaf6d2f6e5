package dev.browserfleet.worker.execution;

/** A step failed for a reason the runner itself found (a missing element, a denied URL, ...). */
public final class StepException extends RuntimeException {

  private final FailureKind kind;

  public StepException(FailureKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public FailureKind kind() {
    return kind;
  }
}
