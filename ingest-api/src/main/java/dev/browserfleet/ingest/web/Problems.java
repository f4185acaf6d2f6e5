package dev.browserfleet.ingest.web;

import dev.browserfleet.contracts.FieldError;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The RFC 9457 problem types of the API. A type URI is a stable identifier clients may switch on;
 * the title goes with the type, the detail with the occurrence.
 */
final class Problems {

  private static final String BASE = "https://browserfleet.dev/problems/";

  static final URI VALIDATION = URI.create(BASE + "validation");
  static final URI MALFORMED_JSON = URI.create(BASE + "malformed-json");
  static final URI BAD_REQUEST = URI.create(BASE + "bad-request");
  static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");
  static final URI FORBIDDEN = URI.create(BASE + "forbidden");
  static final URI NOT_FOUND = URI.create(BASE + "not-found");
  static final URI ARTIFACT_GONE = URI.create(BASE + "artifact-gone");
  static final URI JOB_FINISHED = URI.create(BASE + "job-finished");
  static final URI RATE_LIMITED = URI.create(BASE + "rate-limited");
  static final URI QUEUE_FULL = URI.create(BASE + "queue-full");
  static final URI METHOD_NOT_ALLOWED = URI.create(BASE + "method-not-allowed");
  static final URI NOT_ACCEPTABLE = URI.create(BASE + "not-acceptable");
  static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");
  static final URI UNSUPPORTED_MEDIA_TYPE = URI.create(BASE + "unsupported-media-type");
  static final URI UNAVAILABLE = URI.create(BASE + "unavailable");
  static final URI INTERNAL = URI.create(BASE + "internal");

  private Problems() {}

  static ProblemDetail of(HttpStatusCode status, URI type, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(titleOf(status));
    return problem;
  }

  /** A 400 whose {@code errors} name each field at fault. */
  static ProblemDetail validation(String detail, List<FieldError> errors) {
    ProblemDetail problem = of(HttpStatus.BAD_REQUEST, VALIDATION, detail);
    problem.setTitle("Invalid request");
    problem.setProperty("errors", errors);
    return problem;
  }

  /** The type of an error known only by its status, such as those Spring MVC raises itself. */
  static URI typeFor(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> BAD_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 429 -> RATE_LIMITED;
      case 503 -> UNAVAILABLE;
      default -> status.is4xxClientError() ? BAD_REQUEST : INTERNAL;
    };
  }

  private static String titleOf(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return known == null ? "Error " + status.value() : known.getReasonPhrase();
  }
}
