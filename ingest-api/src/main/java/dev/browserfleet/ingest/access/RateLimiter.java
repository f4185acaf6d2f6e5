package dev.browserfleet.ingest.access;

/**
 * Counts a client's requests against its key's limit (requests per minute), the same count for
 * every replica that serves the key.
 */
public interface RateLimiter {

  /** Takes one request from the key's allowance. */
  Decision take(Caller.Client client);

  /**
   * The outcome, with what the RateLimit headers tell the client.
   *
   * @param allowed whether the request may go on
   * @param limit the key's requests per minute
   * @param remaining requests left now
   * @param resetSeconds seconds until the allowance is full again
   * @param retryAfterSeconds when refused, seconds until one request is allowed again
   */
  record Decision(boolean allowed, int limit, long remaining, long resetSeconds, long retryAfterSeconds) {}
}
