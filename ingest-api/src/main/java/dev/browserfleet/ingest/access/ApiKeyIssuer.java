package dev.browserfleet.ingest.access;

import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyStatus;
import dev.browserfleet.ingest.publish.RecordPublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Creates API keys. The key's state goes to the compacted {@code bf.api-keys} topic (hash only),
 * and into this instance's directory as soon as the broker has it, so that the new key works here
 * at once; other instances learn of it from the topic.
 */
public final class ApiKeyIssuer {

  private final ApiKeySecrets secrets;
  private final RecordPublisher publisher;
  private final ApiKeyDirectory directory;
  private final Clock clock;

  public ApiKeyIssuer(ApiKeySecrets secrets, RecordPublisher publisher, ApiKeyDirectory directory, Clock clock) {
    this.secrets = secrets;
    this.publisher = publisher;
    this.directory = directory;
    this.clock = clock;
  }

  public IssuedApiKey issue(NewApiKey request) {
    String secret = secrets.newClientKey();
    // Microseconds: what a PostgreSQL timestamp keeps, so the projected row equals the event.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    var apiKey =
        new ApiKey(
            UUID.randomUUID(),
            ApiKeyHashes.sha256Hex(secret),
            request.clientId(),
            request.name(),
            ApiKeyStatus.ACTIVE,
            request.rateLimit(),
            true,
            null,
            now,
            now);
    publisher.publish(Topics.API_KEYS, apiKey.id().toString(), apiKey);
    directory.put(apiKey);
    return new IssuedApiKey(apiKey, secret);
  }
}
