package dev.browserfleet.contracts;

/**
 * One thing wrong with a message: {@code field} is a path such as {@code actions[0].url}, or the
 * empty string for the message as a whole.
 */
public record FieldError(String field, String message) {

  @Override
  public String toString() {
    return field.isEmpty() ? message : field + ": " + message;
  }
}
