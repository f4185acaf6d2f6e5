package dev.browserfleet.worker.engine;

/** A browser session could not be started; the message says which engine and why. */
public class SessionStartException extends RuntimeException {

  public SessionStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
