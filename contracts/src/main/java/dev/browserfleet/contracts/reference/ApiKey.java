package dev.browserfleet.contracts.reference;

import java.time.Instant;
import java.util.UUID;

/**
 * An API key as every service may know it: never the secret, only its SHA-256 ({@code keyHash},
 * lower-case hex, the {@code api_keys.key} column). The latest state of each key is the value on
 * the compacted topic {@code bf.api-keys}, keyed by id.
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
    Instant updatedAt) {

  /** Whether a request made at {@code now} with this key may pass. */
  public boolean isUsableAt(Instant now) {
    return isActive && status == ApiKeyStatus.ACTIVE && (expiresAt == null || now.isBefore(expiresAt));
  }
}
