package dev.browserfleet.contracts;

/** Bytes that are not a valid message of the expected type; the message says why. */
public class MalformedMessageException extends RuntimeException {

  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
