package dev.browserfleet.ingest.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyStatus;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  private final ApiKeySecrets secrets = new ApiKeySecrets(new SecureRandom());
  private final AdminCredentials admin = AdminCredentials.of("the-admin-key", secrets);
  private final ApiKeyDirectory directory = new ApiKeyDirectory();
  private final Authenticator authenticator = new Authenticator(admin, directory, new ApiKeyUsageTracker(), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void theAdminKeyMakesAnAdmin() {
    assertThat(authenticator.authenticate("the-admin-key"))
        .isEqualTo(new Authentication.Authenticated(new Caller.Admin()));
  }

  @Test
  void aKnownUsableClientKeyMakesItsClient() {
    String secret = secrets.newClientKey();
    ApiKey key = aKey(secret, ApiKeyStatus.ACTIVE, true, null);
    directory.put(key);

    assertThat(authenticator.authenticate(secret))
        .isEqualTo(new Authentication.Authenticated(new Caller.Client("acme", key.id(), 100)));
  }

  @Test
  void missingUnknownRevokedInactiveAndExpiredKeysAreRefused() {
    String revoked = secrets.newClientKey();
    String inactive = secrets.newClientKey();
    String expired = secrets.newClientKey();
    directory.put(aKey(revoked, ApiKeyStatus.REVOKED, true, null));
    directory.put(aKey(inactive, ApiKeyStatus.ACTIVE, false, null));
    directory.put(aKey(expired, ApiKeyStatus.ACTIVE, true, NOW));

    assertThat(authenticator.authenticate(null)).isInstanceOf(Authentication.Refused.class);
    assertThat(authenticator.authenticate(" ")).isInstanceOf(Authentication.Refused.class);
    assertThat(authenticator.authenticate(secrets.newClientKey())).isInstanceOf(Authentication.Refused.class);
    assertThat(authenticator.authenticate(revoked)).isInstanceOf(Authentication.Refused.class);
    assertThat(authenticator.authenticate(inactive)).isInstanceOf(Authentication.Refused.class);
    assertThat(authenticator.authenticate(expired)).isInstanceOf(Authentication.Refused.class);
  }

  @Test
  void aRefusalNeverQuotesTheKey() {
    String secret = secrets.newClientKey();

    var refused = (Authentication.Refused) authenticator.authenticate(secret);

    assertThat(refused.reason()).doesNotContain(secret);
  }

  @Test
  void withoutAConfiguredAdminKeyOneIsGeneratedWithAtLeast256RandomBits() {
    AdminCredentials generated = AdminCredentials.of("", secrets);
    AdminCredentials another = AdminCredentials.of(null, secrets);

    assertThat(generated.generated()).isTrue();
    assertThat(generated.adminKey()).startsWith("bfa_").hasSize(4 + 43);
    assertThat(generated.adminKey()).isNotEqualTo(another.adminKey());
    assertThat(generated.matchesHash(ApiKeyHashes.sha256(generated.adminKey()))).isTrue();
    assertThat(generated.matchesHash(ApiKeyHashes.sha256(another.adminKey()))).isFalse();
    assertThat(generated.toString()).doesNotContain(generated.adminKey());
  }

  @Test
  void aKeyIsStoredAsItsLowerCaseHexSha256() {
    assertThat(ApiKeyHashes.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  private static ApiKey aKey(String secret, ApiKeyStatus status, boolean active, Instant expiresAt) {
    return new ApiKey(
        UUID.randomUUID(), ApiKeyHashes.sha256Hex(secret), "acme", "ci", status, 100, active, expiresAt, NOW, NOW);
  }
}
