package dev.browserfleet.contracts.webhook;

import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a callback may go: the address checks of a target ({@link TargetAddressPolicy}: never a
 * metadata or link-local address, private ones only when allowed), and https unless private
 * targets are allowed (a development setup, where a receiver on plain http is normal).
 */
public final class CallbackUrls {

  public static final String FIELD = "callbackUrl";

  private CallbackUrls() {}

  /** Why {@code url} may not receive callbacks, or empty when it may. */
  public static Optional<String> violation(String url, TargetAddressPolicy addresses) {
    Optional<String> denied = addresses.violation(url);
    if (denied.isPresent()) {
      return denied;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL: " + e.getReason());
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not carry credentials in the URL");
    }
    if (!addresses.allowsPrivate() && !"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
      return Optional.of("must be an https URL");
    }
    return Optional.empty();
  }
}
