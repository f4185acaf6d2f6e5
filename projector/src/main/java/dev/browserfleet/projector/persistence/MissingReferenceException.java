package dev.browserfleet.projector.persistence;

/**
 * A row refers to one the projector has not written yet, such as a job accepted for a browser
 * type whose record on {@code bf.browser-types} is still unread (the topics are consumed
 * independently, and on a rebuild the job events can run ahead). It is transient: the batch is
 * retried with backoff until the reference arrives.
 */
public class MissingReferenceException extends RuntimeException {

  public MissingReferenceException(String message) {
    super(message);
  }
}
