package dev.browserfleet.ingest.web;

import dev.browserfleet.ingest.access.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id (the client's {@code X-Request-Id} when it is a plain token, else a new
 * one), returns it in the response, puts it in the logging context as {@code requestId}, and logs
 * one line per request in key=value form. Never a header value: keys travel in headers.
 */
final class RequestLogFilter extends OncePerRequestFilter {

  static final String HEADER = "X-Request-Id";
  static final String MDC_KEY = "requestId";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Logger log = LoggerFactory.getLogger("dev.browserfleet.ingest.requests");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String given = request.getHeader(HEADER);
    String requestId = given != null && TOKEN.matcher(given).matches() ? given : newRequestId();
    response.setHeader(HEADER, requestId);
    MDC.put(MDC_KEY, requestId);
    long started = System.nanoTime();
    try {
      chain.doFilter(request, response);
    } finally {
      if (log.isInfoEnabled()) {
        log.info(
            "request requestId={} method={} path=\"{}\" status={} durationMs={} caller={}",
            requestId,
            request.getMethod(),
            request.getRequestURI().replace("\"", "%22"),
            response.getStatus(),
            (System.nanoTime() - started) / 1_000_000,
            callerOf(request));
      }
      MDC.remove(MDC_KEY);
    }
  }

  // A random (version 4) UUID. A request id only has to be unique, not unguessable, so it comes from
  // ThreadLocalRandom rather than from the SecureRandom behind UUID.randomUUID(), whose shared
  // /dev/urandom reads were a visible part of each submission's CPU time.
  static String newRequestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
    return new UUID(high, low).toString();
  }

  private static String callerOf(HttpServletRequest request) {
    return switch (request.getAttribute(ApiKeyInterceptor.CALLER)) {
      case Caller.Admin admin -> "admin";
      case Caller.Client client -> "client:" + client.clientId() + "/key:" + client.keyId();
      case null, default -> "-";
    };
  }
}
