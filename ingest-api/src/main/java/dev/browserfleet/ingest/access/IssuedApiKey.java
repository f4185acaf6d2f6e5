package dev.browserfleet.ingest.access;

import dev.browserfleet.contracts.reference.ApiKey;

/**
 * A newly created key with its secret: the only moment the secret exists outside its holder. The
 * same goes for {@code webhookSecret}, the key's new webhook signing secret (null when this server
 * has no webhook secret key).
 */
public record IssuedApiKey(ApiKey apiKey, String secret, String webhookSecret) {

  public IssuedApiKey(ApiKey apiKey, String secret) {
    this(apiKey, secret, null);
  }

  @Override
  public String toString() {
    return "IssuedApiKey[id=" + apiKey.id() + ", clientId=" + apiKey.clientId() + "]";
  }
}
