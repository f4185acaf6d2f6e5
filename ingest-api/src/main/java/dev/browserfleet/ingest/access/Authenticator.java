package dev.browserfleet.ingest.access;

import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyScope;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.Optional;

/** Turns a presented API key into a {@link Caller}, or says why it is refused. */
public final class Authenticator {

  private final AdminCredentials admin;
  private final ApiKeyDirectory directory;
  private final ApiKeyUsageTracker usage;
  private final Clock clock;

  public Authenticator(AdminCredentials admin, ApiKeyDirectory directory, ApiKeyUsageTracker usage, Clock clock) {
    this.admin = admin;
    this.directory = directory;
    this.usage = usage;
    this.clock = clock;
  }

  public Authentication authenticate(String presentedKey) {
    if (presentedKey == null || presentedKey.isBlank()) {
      return new Authentication.Refused("No API key given: send one in the X-API-Key header, or as Authorization: Bearer <key>.");
    }
    String key = presentedKey.strip();
    byte[] hash = ApiKeyHashes.sha256(key);
    if (admin.matchesHash(hash)) {
      return new Authentication.Authenticated(new Caller.Admin());
    }
    Optional<ApiKey> known = directory.findByHash(ApiKeyHashes.hex(hash));
    if (known.isEmpty()) {
      return new Authentication.Refused("The API key is not valid: check it, or ask an admin for a new one.");
    }
    ApiKey apiKey = known.get();
    Instant now = clock.instant();
    if (!apiKey.isUsableAt(now)) {
      return new Authentication.Refused(
          "The API key is revoked, inactive or expired: ask an admin for a new one.");
    }
    Set<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
    for (ApiKeyScope scope : ApiKeyScope.values()) {
      if (apiKey.hasScope(scope)) {
        scopes.add(scope);
      }
    }
    usage.noteUse(apiKey.id(), now);
    return new Authentication.Authenticated(
        new Caller.Client(apiKey.clientId(), apiKey.id(), apiKey.rateLimit(), scopes));
  }
}
