package dev.browserfleet.ingest.access;

import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyStatus;
import dev.browserfleet.contracts.webhook.WebhookSecretCipher;
import dev.browserfleet.ingest.publish.RecordPublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates, revokes and rotates API keys. Each key's state goes to the compacted {@code
 * bf.api-keys} topic (hash only), and into this instance's directory as soon as the broker has
 * it, so that a change takes effect here at once; other instances learn of it from the topic.
 */
public final class ApiKeyIssuer {

  /** A key's new webhook secret, shown this once. */
  public record NewWebhookSecret(ApiKey apiKey, String webhookSecret) {

    @Override
    public String toString() {
      return "NewWebhookSecret[id=" + apiKey.id() + "]";
    }
  }

  private final ApiKeySecrets secrets;
  private final RecordPublisher publisher;
  private final ApiKeyDirectory directory;
  private final Clock clock;
  private final Optional<WebhookSecretCipher> webhookSecrets;

  public ApiKeyIssuer(ApiKeySecrets secrets, RecordPublisher publisher, ApiKeyDirectory directory, Clock clock) {
    this(secrets, publisher, directory, clock, Optional.empty());
  }

  /** @param webhookSecrets encrypts each key's webhook secret; empty when this server has no webhook key */
  public ApiKeyIssuer(
      ApiKeySecrets secrets, RecordPublisher publisher, ApiKeyDirectory directory, Clock clock,
      Optional<WebhookSecretCipher> webhookSecrets) {
    this.secrets = secrets;
    this.publisher = publisher;
    this.directory = directory;
    this.clock = clock;
    this.webhookSecrets = webhookSecrets;
  }

  public IssuedApiKey issue(NewApiKey request) {
    return issue(request, null);
  }

  private IssuedApiKey issue(NewApiKey request, String callbackUrl) {
    String secret = secrets.newClientKey();
    Instant now = now();
    UUID id = UUID.randomUUID();
    String webhookSecret = webhookSecrets.map(WebhookSecretCipher::newSecret).orElse(null);
    var apiKey =
        new ApiKey(
            id,
            ApiKeyHashes.sha256Hex(secret),
            request.clientId(),
            request.name(),
            ApiKeyStatus.ACTIVE,
            request.rateLimit(),
            true,
            request.expiresAt(),
            now,
            now,
            request.scopes(),
            null,
            null,
            callbackUrl,
            webhookSecret == null ? null : webhookSecrets.get().encrypt(webhookSecret, id.toString()));
    save(apiKey);
    return new IssuedApiKey(apiKey, secret, webhookSecret);
  }

  /** Whether keys get webhook secrets on this server. */
  public boolean issuesWebhookSecrets() {
    return webhookSecrets.isPresent();
  }

  /**
   * Gives the key a new webhook secret; the old one signs nothing from now on. Empty when there is
   * no such key.
   *
   * @throws IllegalStateException when this server has no webhook secret key
   */
  public Optional<NewWebhookSecret> newWebhookSecret(UUID id) {
    WebhookSecretCipher cipher = webhookSecrets.orElseThrow(() -> new IllegalStateException("no webhook secret key"));
    return directory
        .findById(id)
        .map(key -> {
          String webhookSecret = cipher.newSecret();
          ApiKey changed = key.withWebhook(key.callbackUrl(), cipher.encrypt(webhookSecret, id.toString()), now());
          save(changed);
          return new NewWebhookSecret(changed, webhookSecret);
        });
  }

  /** Sets (or, with null, clears) the default callback of the key's jobs. Empty when there is no such key. */
  public Optional<ApiKey> setCallbackUrl(UUID id, String callbackUrl) {
    return directory
        .findById(id)
        .map(key -> {
          ApiKey changed = key.withWebhook(callbackUrl, key.webhookSecret(), now());
          save(changed);
          return changed;
        });
  }

  /** Revokes the key; a revoked key stays revoked. Empty when there is no such key. */
  public Optional<ApiKey> revoke(UUID id) {
    return directory
        .findById(id)
        .map(key -> {
          if (key.status() == ApiKeyStatus.REVOKED) {
            return key;
          }
          ApiKey revoked = key.revokedAt(now());
          save(revoked);
          return revoked;
        });
  }

  /**
   * Replaces the key with a new one of the same client, name, limit, expiry, scopes and default
   * callback (with a new webhook secret), and revokes the old one. Empty when there is no such key.
   */
  public Optional<IssuedApiKey> rotate(UUID id) {
    return directory
        .findById(id)
        .map(old -> {
          IssuedApiKey replacement =
              issue(new NewApiKey(old.clientId(), old.name(), old.rateLimit(), old.expiresAt(), old.scopes()),
                  old.callbackUrl());
          if (old.maxConcurrentJobs() != null || old.maxQueuedJobs() != null) {
            ApiKey limited = replacement.apiKey().withJobLimits(old.maxConcurrentJobs(), old.maxQueuedJobs(), now());
            save(limited);
            replacement = new IssuedApiKey(limited, replacement.secret());
          }
          revoke(id);
          return replacement;
        });
  }

  /**
   * Sets the key's job limits ({@code null}: no limit); what is not in {@code change} stays.
   * Empty when there is no such key.
   */
  public Optional<ApiKey> changeJobLimits(UUID id, JobLimitsChange change) {
    return directory
        .findById(id)
        .map(key -> {
          ApiKey changed = key.withJobLimits(
              change.setsMaxConcurrentJobs() ? change.maxConcurrentJobs() : key.maxConcurrentJobs(),
              change.setsMaxQueuedJobs() ? change.maxQueuedJobs() : key.maxQueuedJobs(),
              now());
          save(changed);
          return changed;
        });
  }

  private void save(ApiKey key) {
    publisher.publish(Topics.API_KEYS, key.id().toString(), key);
    directory.put(key);
  }

  // Microseconds: what a PostgreSQL timestamp keeps, so the projected row equals the event.
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
