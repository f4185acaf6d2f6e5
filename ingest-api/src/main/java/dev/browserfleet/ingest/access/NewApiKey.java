package dev.browserfleet.ingest.access;

/** What an admin asks for when creating a key; validated by the web layer. */
public record NewApiKey(String clientId, String name, int rateLimit) {

  /** Requests per minute when the admin does not say (SCHEMA.md's default). */
  public static final int DEFAULT_RATE_LIMIT = 100;
}
