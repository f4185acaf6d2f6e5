package dev.browserfleet.worker.guard;

import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.policy.UrlPolicies;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The target address policy and the URL policies in force, applied to every URL a job opens,
 * before the browser does, and to every URL a navigation was redirected to; and, on every engine
 * alike, the ports that browsers refuse. The same policies, as a {@link NavigationGuard}, are what
 * the browser's guard applies to every document and connection.
 */
public final class UrlChecks {

  /** Why a URL is refused: a policy denies it, or browsers refuse its port. */
  public enum Kind { URL_POLICY, REFUSED_PORT }

  /** A refused URL, and the message the job fails with. */
  public record Refusal(Kind kind, String message) {}

  private final TargetAddressPolicy policy;
  private final Supplier<UrlPolicies> urlPolicies;

  /** @param urlPolicies the URL policies in force at the moment of each check */
  public UrlChecks(TargetAddressPolicy policy, Supplier<UrlPolicies> urlPolicies) {
    this.policy = policy;
    this.urlPolicies = urlPolicies;
  }

  /**
   * Why {@code url} may not be opened, if it may not; a URL policy that denies it is named in the message.
   *
   * @param what what the URL is, for the message ("targetUrl", "action 2/3 navigate")
   */
  public Optional<Refusal> refusal(String what, String url) {
    Optional<Refusal> denied = policy.violation(url)
        .or(() -> urlPolicies.get().violation(url))
        .map(reason -> new Refusal(Kind.URL_POLICY, what + " " + url + " is denied: it " + reason));
    return denied.or(() -> RefusedPorts.error(url).map(error -> new Refusal(Kind.REFUSED_PORT, error)));
  }

  /**
   * The same check, URL policies included, for the browser to apply to every document it loads,
   * redirect hops and frames included. Only http and https documents reach the network; others (about:, data:) are the
   * browser's own. Its {@link NavigationGuard#connectionDenial} applies the address policy (not
   * the URL policies, which are about documents) to every connection.
   */
  public NavigationGuard navigationGuard() {
    return new NavigationGuard() {
      @Override
      public Optional<String> denial(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
          return Optional.empty();
        }
        return policy.violation(url)
            .or(() -> urlPolicies.get().violation(url))
            .map(reason -> "navigation to " + url + " is denied: it " + reason);
      }

      @Override
      public Optional<String> connectionDenial(String host, InetAddress address) {
        return policy.violation(host, address).map(reason -> "a request to " + host + " is denied: it " + reason);
      }
    };
  }
}
