package dev.browserfleet.ingest.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the errors that never reach a controller (rejected by the servlet container or a
 * filter) as problems too, in place of Spring Boot's default error body.
 */
// Not an operation of the API: the container's error dispatch.
@io.swagger.v3.oas.annotations.Hidden
@RestController("ingestProblemErrorController")
class ProblemErrorController implements ErrorController {

  @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.ALL_VALUE)
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    HttpStatus status =
        request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                && HttpStatus.resolve(code) != null
                && HttpStatus.resolve(code).isError()
            ? HttpStatus.resolve(code)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    String detail;
    if (!status.is4xxClientError()) {
      detail = "The server failed to handle this request. It has been logged.";
    } else if (request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message && !message.isBlank()) {
      detail = message; // set by our own filters, written for the client
    } else {
      detail = "The request could not be handled: " + status.getReasonPhrase() + ".";
    }
    ProblemDetail problem = Problems.of(status, Problems.typeFor(status), detail);
    if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
      try {
        problem.setInstance(new URI(null, null, uri, null));
      } catch (URISyntaxException e) {
        // A path that is no URI even when quoted: the problem goes without an instance.
      }
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
