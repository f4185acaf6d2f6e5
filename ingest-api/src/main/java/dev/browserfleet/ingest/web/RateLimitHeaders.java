package dev.browserfleet.ingest.web;

import dev.browserfleet.ingest.access.RateLimiter;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} headers of
 * the IETF draft "RateLimit header fields for HTTP", on every client response: the key's requests
 * per minute, what is left, and the seconds until the allowance is full again.
 */
final class RateLimitHeaders {

  private RateLimitHeaders() {}

  static void set(HttpServletResponse response, RateLimiter.Decision decision) {
    response.setHeader("RateLimit-Limit", Integer.toString(decision.limit()));
    response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
    response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
    response.setHeader("RateLimit-Policy", decision.limit() + ";w=60");
  }
}
