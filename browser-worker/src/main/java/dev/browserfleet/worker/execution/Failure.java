package dev.browserfleet.worker.execution;

/**
 * A classified failure.
 *
 * @param message what went wrong, for a person
 * @param sessionBroken whether the browser session must be replaced rather than reused
 */
public record Failure(FailureKind kind, String message, boolean sessionBroken) {

  public boolean retryable() {
    return kind.retryable();
  }

  public Failure withMessage(String newMessage) {
    return new Failure(kind, newMessage, sessionBroken);
  }
}
