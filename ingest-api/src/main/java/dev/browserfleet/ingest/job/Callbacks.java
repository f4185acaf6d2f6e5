package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.webhook.CallbackUrls;
import dev.browserfleet.ingest.access.Caller;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which callback a submission gets: its own {@code callbackUrl}, else its API key's default, and
 * whether it may have it. A callback is signed with the submitting key's webhook secret, so the
 * admin key (which has none) and keys without a secret cannot ask for one.
 */
public final class Callbacks {

  /** The callback of an accepted submission: where to POST, and whose secret signs. */
  public record Callback(String url, UUID keyId) {}

  /** Either the callback (empty when the job has none) or the reason it may not have it. */
  public sealed interface Resolution {}

  public record Resolved(Optional<Callback> callback) implements Resolution {}

  public record Refused(FieldError error) implements Resolution {}

  private final TargetAddressPolicy addresses;
  private final Function<UUID, Optional<ApiKey>> keys;
  private final boolean webhooksConfigured;

  /**
   * @param webhooksConfigured whether this server has a webhook secret key; without one no key
   *     has a secret to sign with
   */
  public Callbacks(TargetAddressPolicy addresses, Function<UUID, Optional<ApiKey>> keys, boolean webhooksConfigured) {
    this.addresses = addresses;
    this.keys = keys;
    this.webhooksConfigured = webhooksConfigured;
  }

  public Resolution resolve(String requested, Caller caller) {
    Optional<ApiKey> key = switch (caller) {
      case Caller.Admin admin -> Optional.empty();
      case Caller.Client client -> keys.apply(client.keyId());
    };
    String url = requested != null ? requested : key.map(ApiKey::callbackUrl).orElse(null);
    if (url == null) {
      return new Resolved(Optional.empty());
    }
    if (!webhooksConfigured) {
      return refused("cannot be used: this server has no webhook secret key (browserfleet.webhooks.secret-key)");
    }
    if (caller instanceof Caller.Admin) {
      return refused("needs a client API key: callbacks are signed with the submitting key's webhook secret,"
          + " and the admin key has none");
    }
    if (key.isEmpty() || key.get().webhookSecret() == null) {
      return refused("needs a webhook secret on this API key; an admin makes one with"
          + " POST /api/v1/admin/api-keys/{id}/webhook-secret");
    }
    Optional<String> denied = CallbackUrls.violation(url, addresses);
    if (denied.isPresent()) {
      return refused(url + " " + denied.get() + (requested == null ? " (the API key's default callbackUrl)" : ""));
    }
    return new Resolved(Optional.of(new Callback(url, key.get().id())));
  }

  /** Why {@code url} may not receive callbacks, or empty when it may. */
  public Optional<String> violation(String url) {
    return CallbackUrls.violation(url, addresses);
  }

  private static Refused refused(String why) {
    return new Refused(new FieldError(CallbackUrls.FIELD, why));
  }
}
