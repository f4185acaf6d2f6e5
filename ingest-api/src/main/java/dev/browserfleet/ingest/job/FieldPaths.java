package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.FieldError;
import tools.jackson.core.JacksonException;

/** Names the field at fault in a Jackson error, in the {@code actions[0].url} style of {@link FieldError}. */
public final class FieldPaths {

  private FieldPaths() {}

  public static String of(JacksonException e) {
    var path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
