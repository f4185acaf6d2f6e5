package dev.browserfleet.ingest.web;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.webhook.CallbackUrls;
import dev.browserfleet.ingest.access.JobLimitsChange;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code PATCH /admin/api-keys/{id}} body (a JSON merge patch): the job limits (a limit
 * left out stays, {@code null} removes it, a number sets it) and the default callback (read and
 * checked by the controller).
 */
final class ApiKeyLimitsPatch {

  static final String MAX_CONCURRENT = "maxConcurrentJobs";
  static final String MAX_QUEUED = "maxQueuedJobs";
  private static final int MOST_CONCURRENT = 100_000;
  private static final int MOST_QUEUED = 10_000_000;

  private ApiKeyLimitsPatch() {}

  /** The limits {@code body} changes; what is wrong with it goes to {@code errors}. */
  static JobLimitsChange read(JsonNode body, List<FieldError> errors) {
    if (!body.isObject()) {
      throw invalid(List.of(new FieldError("", "must be a JSON object such as {\"maxQueuedJobs\": 100}")));
    }
    for (String name : body.propertyNames()) {
      if (!MAX_CONCURRENT.equals(name) && !MAX_QUEUED.equals(name) && !CallbackUrls.FIELD.equals(name)) {
        errors.add(new FieldError(name, "is not a known field; a key's " + MAX_CONCURRENT + ", " + MAX_QUEUED
            + " and " + CallbackUrls.FIELD + " may be changed"));
      }
    }
    Integer concurrent = limit(body, MAX_CONCURRENT, 1, MOST_CONCURRENT, errors);
    Integer queued = limit(body, MAX_QUEUED, 0, MOST_QUEUED, errors);
    return new JobLimitsChange(body.has(MAX_CONCURRENT), concurrent, body.has(MAX_QUEUED), queued);
  }

  /** Whether {@code change} names any limit. */
  static boolean changesLimits(JobLimitsChange change) {
    return change.setsMaxConcurrentJobs() || change.setsMaxQueuedJobs();
  }

  private static Integer limit(JsonNode body, String name, int min, int max, List<FieldError> errors) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
      errors.add(new FieldError(name, "must be an integer from " + min + " to " + max + ", or null for no limit"));
      return null;
    }
    return value.intValue();
  }

  static ApiProblem.Invalid invalid(List<FieldError> errors) {
    return new ApiProblem.Invalid("The key was not changed: fix the fields named in errors.", errors);
  }
}
