package dev.browserfleet.ingest.access;

import dev.browserfleet.contracts.reference.ApiKey;

/** A newly created key with its secret: the only moment the secret exists outside its holder. */
public record IssuedApiKey(ApiKey apiKey, String secret) {

  @Override
  public String toString() {
    return "IssuedApiKey[id=" + apiKey.id() + ", clientId=" + apiKey.clientId() + "]";
  }
}
