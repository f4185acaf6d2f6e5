package dev.browserfleet.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyStatus;
import dev.browserfleet.ingest.access.Caller;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallbacksTest {

  private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
  private static final TargetAddressPolicy PUBLIC_DNS =
      new TargetAddressPolicy(false, host -> List.of(InetAddress.getByName(
          host.equals("hooks.example") ? "93.184.215.14" : host)));

  private final ApiKey withDefault = key("https://hooks.example/default", "v1:sealed");
  private final ApiKey withoutSecret = key(null, null);
  private final Map<UUID, ApiKey> keys = Map.of(withDefault.id(), withDefault, withoutSecret.id(), withoutSecret);
  private final Callbacks callbacks = new Callbacks(PUBLIC_DNS, id -> Optional.ofNullable(keys.get(id)), true);

  @Test
  void aJobWithoutItsOwnCallbackGetsItsKeysDefaultSignedByThatKey() {
    var resolution = callbacks.resolve(null, client(withDefault));

    assertThat(resolution).isEqualTo(new Callbacks.Resolved(
        Optional.of(new Callbacks.Callback("https://hooks.example/default", withDefault.id()))));
  }

  @Test
  void aJobsOwnCallbackWinsOverTheDefault() {
    var resolution = callbacks.resolve("https://hooks.example/mine", client(withDefault));

    assertThat(resolution).isEqualTo(new Callbacks.Resolved(
        Optional.of(new Callbacks.Callback("https://hooks.example/mine", withDefault.id()))));
  }

  @Test
  void noCallbackAnywhereIsNoCallback() {
    assertThat(callbacks.resolve(null, client(withoutSecret))).isEqualTo(new Callbacks.Resolved(Optional.empty()));
    assertThat(callbacks.resolve(null, new Caller.Admin())).isEqualTo(new Callbacks.Resolved(Optional.empty()));
  }

  @Test
  void theMetadataAddressIsRefusedNamingCallbackUrl() {
    var resolution = callbacks.resolve("https://169.254.169.254/latest/meta-data", client(withDefault));

    assertThat(resolution).isInstanceOfSatisfying(Callbacks.Refused.class, refused -> {
      assertThat(refused.error().field()).isEqualTo("callbackUrl");
      assertThat(refused.error().message()).contains("link-local or metadata");
    });
  }

  @Test
  void aCallbackNeedsAKeyWithAWebhookSecretOnAServerWithWebhooks() {
    assertThat(callbacks.resolve("https://hooks.example/x", client(withoutSecret)))
        .isInstanceOfSatisfying(Callbacks.Refused.class, r -> assertThat(r.error().message()).contains("webhook-secret"));
    assertThat(callbacks.resolve("https://hooks.example/x", new Caller.Admin()))
        .isInstanceOfSatisfying(Callbacks.Refused.class, r -> assertThat(r.error().message()).contains("admin key"));
    var withoutWebhooks = new Callbacks(PUBLIC_DNS, id -> Optional.ofNullable(keys.get(id)), false);
    assertThat(withoutWebhooks.resolve("https://hooks.example/x", client(withDefault)))
        .isInstanceOfSatisfying(Callbacks.Refused.class, r -> assertThat(r.error().message()).contains("secret-key"));
  }

  private static Caller client(ApiKey key) {
    return new Caller.Client(key.clientId(), key.id(), key.rateLimit());
  }

  private static ApiKey key(String callbackUrl, String sealedSecret) {
    return new ApiKey(UUID.randomUUID(), "hash", "acme", "ci", ApiKeyStatus.ACTIVE, 100, true, null, AT, AT, null, null, null,
        callbackUrl, sealedSecret);
  }
}
