package dev.browserfleet.ingest.publish;

/** The broker did not acknowledge a record; nothing was accepted and the caller may retry. */
public final class PublicationFailedException extends RuntimeException {

  public PublicationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
