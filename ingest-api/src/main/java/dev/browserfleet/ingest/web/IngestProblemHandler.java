package dev.browserfleet.ingest.web;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.ingest.publish.PublicationFailedException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error as an RFC 9457 problem with a stable type. Spring MVC's own errors (405, 415, 404
 * for unknown routes, unreadable bodies, bad path values) are handled by the base class and given
 * our types here; nothing a client sends ends in a 5xx.
 */
@RestControllerAdvice
class IngestProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(IngestProblemHandler.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
    return switch (problem) {
      case ApiProblem.KeyRefused refused ->
          ResponseEntity.status(HttpStatus.UNAUTHORIZED)
              // RFC 9110 wants a challenge with every 401; this names where the key goes.
              .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + ApiKeyInterceptor.HEADER + "\", Bearer")
              .body(Problems.of(HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED, refused.getMessage()));
      case ApiProblem.AdminOnly adminOnly ->
          ResponseEntity.status(HttpStatus.FORBIDDEN)
              .body(Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, adminOnly.getMessage()));
      case ApiProblem.MissingScope missing ->
          ResponseEntity.status(HttpStatus.FORBIDDEN)
              .body(Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, missing.getMessage()));
      case ApiProblem.Invalid invalid ->
          ResponseEntity.badRequest().body(Problems.validation(invalid.getMessage(), invalid.errors()));
      case ApiProblem.MalformedJson malformed ->
          ResponseEntity.badRequest()
              .body(Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED_JSON, malformed.getMessage()));
      case ApiProblem.JobFinished finished ->
          ResponseEntity.status(HttpStatus.CONFLICT)
              .body(Problems.of(HttpStatus.CONFLICT, Problems.JOB_FINISHED, finished.getMessage()));
      case ApiProblem.RateLimited limited ->
          ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
              .header(HttpHeaders.RETRY_AFTER, Long.toString(limited.decision().retryAfterSeconds()))
              .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, Problems.RATE_LIMITED, limited.getMessage()));
      case ApiProblem.QueueFull full -> {
        ProblemDetail detail = Problems.of(HttpStatus.TOO_MANY_REQUESTS, Problems.QUEUE_FULL, full.getMessage());
        detail.setTitle("Too many queued jobs");
        detail.setProperty("limit", "maxQueuedJobs");
        detail.setProperty("maxQueuedJobs", full.limit().maxQueuedJobs());
        detail.setProperty("pending", full.limit().pending());
        yield ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
            .header(HttpHeaders.RETRY_AFTER, Integer.toString(ApiProblem.QueueFull.RETRY_AFTER_SECONDS))
            .body(detail);
      }
      case ApiProblem.NotFound notFound ->
          ResponseEntity.status(HttpStatus.NOT_FOUND)
              .body(Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, notFound.getMessage()));
      case ApiProblem.Gone gone ->
          ResponseEntity.status(HttpStatus.GONE)
              .body(Problems.of(HttpStatus.GONE, Problems.ARTIFACT_GONE, gone.getMessage()));
    };
  }

  @ExceptionHandler(PublicationFailedException.class)
  ResponseEntity<ProblemDetail> publicationFailed(PublicationFailedException e) {
    log.warn("Request refused, Kafka did not acknowledge: {}", e.getMessage());
    return unavailable("The job queue did not confirm the request in time; nothing was accepted. Retry shortly.");
  }

  /** The database is unreachable or overloaded: a passing condition, so the client is told to retry. */
  @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
  ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessException e, WebRequest request) {
    log.warn("Database unavailable serving {}: {}", describe(request), e.getMessage());
    return unavailable("The job store is unavailable at the moment. Retry shortly.");
  }

  /**
   * A query string Tomcat cannot decode (percent-escapes that are not UTF-8, such as {@code %ff}):
   * the request is malformed, not our failure. bench/faults.sh's fuzzer found this as a 500.
   */
  @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
  ResponseEntity<ProblemDetail> undecodableQuery(Exception e) {
    return ResponseEntity.badRequest()
        .body(Problems.of(HttpStatus.BAD_REQUEST, Problems.BAD_REQUEST,
            "The query string cannot be decoded: percent-escapes must encode UTF-8."));
  }

  /** A passing condition on our side: 503 with a hint of when to retry. */
  private static ResponseEntity<ProblemDetail> unavailable(String detail) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.UNAVAILABLE, detail));
  }

  /** A defect on our side: logged in full, answered without internals. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, WebRequest request) {
    String incident = UUID.randomUUID().toString();
    log.error("Unexpected error {} serving {}", incident, describe(request), e);
    return ResponseEntity.internalServerError()
        .body(
            Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                Problems.INTERNAL,
                "The server failed to handle this request (incident " + incident + "). It has been logged."));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem =
        Problems.of(status, Problems.MALFORMED_JSON, "The request body is missing or cannot be read as JSON.");
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
    Class<?> required = ex.getRequiredType();
    String expected = required == UUID.class ? "must be a UUID" : "must be a " + (required == null ? "valid value" : required.getSimpleName());
    ProblemDetail problem =
        Problems.validation(
            "The request has invalid fields: fix those named in errors.",
            List.of(new FieldError(field == null ? "" : field, expected)));
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
      HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem =
        Problems.of(
            status,
            Problems.UNSUPPORTED_MEDIA_TYPE,
            "Content-Type " + (ex.getContentType() == null ? "(none)" : "'" + ex.getContentType() + "'")
                + " is not supported here: send the body as application/json.");
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem =
        Problems.of(status, Problems.NOT_FOUND, "There is no endpoint " + ex.getHttpMethod() + " /" + ex.getResourcePath() + ".");
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  /** Gives the problems Spring MVC builds itself our stable type instead of {@code about:blank}. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
    if (response != null
        && response.getBody() instanceof ProblemDetail problem
        && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
      problem.setType(Problems.typeFor(statusCode));
    }
    return response;
  }

  private static String describe(WebRequest request) {
    return request instanceof ServletWebRequest servlet
        ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI()
        : request.getDescription(false);
  }
}
