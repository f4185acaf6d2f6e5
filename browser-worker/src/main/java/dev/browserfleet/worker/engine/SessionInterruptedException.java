package dev.browserfleet.worker.engine;

/** The thread driving a session was interrupted while it waited for the page. */
public class SessionInterruptedException extends RuntimeException {

  public SessionInterruptedException(String message) {
    super(message);
  }
}
