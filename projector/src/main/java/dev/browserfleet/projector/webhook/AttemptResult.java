package dev.browserfleet.projector.webhook;

/** How one POST to a receiver went. */
public sealed interface AttemptResult {

  long durationMs();

  /** The receiver answered with {@code statusCode}. */
  record Answered(int statusCode, long durationMs) implements AttemptResult {}

  /** No answer: a timeout, a refused connection, or an address that may not be called. */
  record NoAnswer(String error, long durationMs) implements AttemptResult {}

  /** The delivery can never succeed (its signing key is gone): it is given up at once. */
  record Hopeless(String error, long durationMs) implements AttemptResult {}
}
