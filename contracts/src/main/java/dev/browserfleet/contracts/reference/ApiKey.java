package dev.browserfleet.contracts.reference;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as every service may know it: never the secret, only its SHA-256 ({@code keyHash},
 * lower-case hex, the {@code api_keys.key} column). The latest state of each key is the value on
 * the compacted topic {@code bf.api-keys}, keyed by id.
 *
 * @param scopes what the key may do ({@link ApiKeyScope}); null (as in records written before
 *     scopes existed) means every scope
 * @param maxConcurrentJobs how many of its client's jobs may run at once; null means no limit
 * @param maxQueuedJobs how many of its client's jobs may wait for a browser at once; null means no
 *     limit. Both are the client's: where a client has several keys, the lowest limit applies
 * @param callbackUrl the callback of the key's jobs that name none, or null
 * @param webhookSecret the secret that signs the key's callbacks, encrypted ({@code
 *     WebhookSecretCipher}); null for a key that has none (created before webhooks, or on a server
 *     without a webhook key)
 */
public record ApiKey(
    UUID id,
    String keyHash,
    String clientId,
    String name,
    ApiKeyStatus status,
    int rateLimit,
    boolean isActive,
    Instant expiresAt,
    Instant createdAt,
    Instant updatedAt,
    List<String> scopes,
    Integer maxConcurrentJobs,
    Integer maxQueuedJobs,
    String callbackUrl,
    String webhookSecret) {

  public ApiKey {
    scopes = scopes == null ? null : List.copyOf(scopes);
  }

  /** A key without job limits or webhook settings. */
  public ApiKey(
      UUID id, String keyHash, String clientId, String name, ApiKeyStatus status, int rateLimit,
      boolean isActive, Instant expiresAt, Instant createdAt, Instant updatedAt, List<String> scopes) {
    this(id, keyHash, clientId, name, status, rateLimit, isActive, expiresAt, createdAt, updatedAt, scopes, null, null,
        null, null);
  }

  /** A key with every scope. */
  public ApiKey(
      UUID id, String keyHash, String clientId, String name, ApiKeyStatus status, int rateLimit,
      boolean isActive, Instant expiresAt, Instant createdAt, Instant updatedAt) {
    this(id, keyHash, clientId, name, status, rateLimit, isActive, expiresAt, createdAt, updatedAt, null);
  }

  /** This key, revoked at {@code at}. */
  public ApiKey revokedAt(Instant at) {
    return new ApiKey(id, keyHash, clientId, name, ApiKeyStatus.REVOKED, rateLimit, isActive, expiresAt, createdAt, at, scopes,
        maxConcurrentJobs, maxQueuedJobs, callbackUrl, webhookSecret);
  }

  /** This key with other job limits (null for none), changed at {@code at}. */
  public ApiKey withJobLimits(Integer maxConcurrent, Integer maxQueued, Instant at) {
    return new ApiKey(id, keyHash, clientId, name, status, rateLimit, isActive, expiresAt, createdAt, at, scopes,
        maxConcurrent, maxQueued, callbackUrl, webhookSecret);
  }

  /** This key with these webhook settings, changed at {@code at}. */
  public ApiKey withWebhook(String newCallbackUrl, String newWebhookSecret, Instant at) {
    return new ApiKey(id, keyHash, clientId, name, status, rateLimit, isActive, expiresAt, createdAt, at, scopes,
        maxConcurrentJobs, maxQueuedJobs, newCallbackUrl, newWebhookSecret);
  }

  @Override
  public String toString() {
    // Never the encrypted secret either: a log line is no place for it.
    return "ApiKey[id=" + id + ", clientId=" + clientId + ", name=" + name + ", status=" + status + "]";
  }

  /** Whether the key may act within {@code scope}. */
  public boolean hasScope(ApiKeyScope scope) {
    return scopes == null || scopes.contains(scope.wireName());
  }

  /** Whether a request made at {@code now} with this key may pass. */
  public boolean isUsableAt(Instant now) {
    return isActive && status == ApiKeyStatus.ACTIVE && (expiresAt == null || now.isBefore(expiresAt));
  }
}
