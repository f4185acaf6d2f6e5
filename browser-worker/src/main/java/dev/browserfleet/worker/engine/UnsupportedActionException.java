package dev.browserfleet.worker.engine;

/** The engine cannot do what the action asks (printing to PDF on WebKit, for example). */
public final class UnsupportedActionException extends RuntimeException {

  public UnsupportedActionException(String message) {
    super(message);
  }
}
