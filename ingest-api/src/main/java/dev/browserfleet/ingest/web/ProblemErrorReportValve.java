package dev.browserfleet.ingest.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * Tomcat's last word on requests it refuses before any servlet runs (an encoded slash or
 * backslash in the path, say): a problem document in place of Tomcat's HTML page. Nothing of the
 * request is echoed back.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String title = known == null ? "Error " + status : known.getReasonPhrase();
    String detail =
        status < 500
            ? "The request could not be handled: its URL or headers are malformed (" + title + ")."
            : "The server failed to handle this request. It has been logged.";
    String json =
        "{\"type\":\"" + Problems.typeFor(HttpStatusCode.valueOf(status)) + "\",\"title\":\"" + title
            + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(json);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The connection is gone or the response committed: there is no one left to tell.
    }
  }
}
