package dev.browserfleet.ingest.web;

import dev.browserfleet.contracts.FieldError;
import java.util.List;

/**
 * Query parameters read by hand, so that every bad value becomes a field error naming the
 * parameter and its bounds, and all of a request's errors are reported at once.
 */
final class QueryParams {

  private QueryParams() {}

  static Integer integer(String name, String value, int min, int max, List<FieldError> errors) {
    Long parsed = longValue(name, value, min, max, errors);
    return parsed == null ? null : Math.toIntExact(parsed);
  }

  static Long longValue(String name, String value, long min, long max, List<FieldError> errors) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, with the bounds
    }
    errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
    return null;
  }

  static void rejectIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new ApiProblem.Invalid("The request has invalid parameters: fix those named in errors.", errors);
    }
  }
}
