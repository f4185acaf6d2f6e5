package dev.browserfleet.ingest.access;

import java.time.Instant;
import java.util.List;

/**
 * What an admin asks for when creating a key; validated by the web layer.
 *
 * @param expiresAt when the key stops working; null for never
 * @param scopes the key's scopes; null for all
 */
public record NewApiKey(String clientId, String name, int rateLimit, Instant expiresAt, List<String> scopes) {

  /** Requests per minute when the admin does not say (SCHEMA.md's default). */
  public static final int DEFAULT_RATE_LIMIT = 100;
}
