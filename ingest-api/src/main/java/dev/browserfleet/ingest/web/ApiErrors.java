package dev.browserfleet.ingest.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * The error answers every operation shares, derived from what {@link ApiKeyInterceptor} enforces
 * on it (a key, the admin, a scope, the rate limit), so that they are written once; an operation's
 * own errors (400, 404, 409, ...) are on its annotations. Every error is a {@code Problem}.
 */
final class ApiErrors implements OperationCustomizer {

  static final String PROBLEM_SCHEMA = "Problem";
  static final String PROBLEM_JSON = "application/problem+json";

  @Override
  public Operation customize(Operation operation, HandlerMethod method) {
    ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    boolean adminOnly =
        method.getBeanType().isAnnotationPresent(AdminOnly.class) || method.hasMethodAnnotation(AdminOnly.class);
    RequiresScope scope =
        method.hasMethodAnnotation(RequiresScope.class)
            ? method.getMethodAnnotation(RequiresScope.class)
            : method.getBeanType().getAnnotation(RequiresScope.class);
    putIfAbsent(responses, "401", "No API key, or one that is unknown, revoked, inactive or expired.");
    if (adminOnly) {
      putIfAbsent(responses, "403", "The key is not the admin key.");
    } else if (scope != null) {
      putIfAbsent(responses, "403", "The key lacks the " + scope.value().wireName() + " scope.");
    }
    // The admin key has no rate limit.
    if (!adminOnly) {
      putIfAbsent(responses, "429", "Over the key's rate limit; Retry-After says when to try again.");
    }
    putIfAbsent(responses, "503", "Kafka or the database is unavailable at the moment; Retry-After says when to try again.");
    responses.forEach((code, response) -> {
      if (code.startsWith("4") || code.startsWith("5")) {
        response.setContent(
            new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
      }
    });
    operation.setResponses(sorted(responses));
    return operation;
  }

  private static void putIfAbsent(ApiResponses responses, String code, String description) {
    if (!responses.containsKey(code)) {
      responses.addApiResponse(code, new ApiResponse().description(description));
    }
  }

  private static ApiResponses sorted(ApiResponses responses) {
    var ordered = new ApiResponses();
    responses.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> ordered.addApiResponse(e.getKey(), e.getValue()));
    return ordered;
  }
}
