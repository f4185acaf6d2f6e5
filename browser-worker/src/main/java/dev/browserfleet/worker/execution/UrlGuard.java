package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.policy.UrlPolicies;
import java.util.function.Supplier;
import dev.browserfleet.worker.browser.NavigationGuard;

/**
 * Applies the target address policy and the URL policies in force to every URL a job opens,
 * before the browser does, and to every URL a navigation was redirected to; and refuses, on every
 * engine alike, the ports that browsers refuse.
 */
public final class UrlGuard {

  private final TargetAddressPolicy policy;
  private final Supplier<UrlPolicies> urlPolicies;

  public UrlGuard(TargetAddressPolicy policy) {
    this(policy, UrlPolicies::none);
  }

  /** @param urlPolicies the URL policies in force at the moment of each check */
  public UrlGuard(TargetAddressPolicy policy, Supplier<UrlPolicies> urlPolicies) {
    this.policy = policy;
    this.urlPolicies = urlPolicies;
  }

  /**
   * @param what what the URL is, for the message ("targetUrl", "action 2/3 navigate")
   * @throws StepException of kind {@link FailureKind#URL_POLICY} when it is denied; a URL policy
   *     that denies it is named in the message
   */
  public void check(String what, String url) {
    policy.violation(url)
        .or(() -> urlPolicies.get().violation(url))
        .ifPresent(reason -> {
          throw new StepException(FailureKind.URL_POLICY, what + " " + url + " is denied: it " + reason);
        });
    RefusedPorts.error(url).ifPresent(error -> {
      throw new StepException(FailureKind.NAVIGATION_REFUSED, error);
    });
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
      public java.util.Optional<String> denial(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
          return java.util.Optional.empty();
        }
        return policy.violation(url)
            .or(() -> urlPolicies.get().violation(url))
            .map(reason -> "navigation to " + url + " is denied: it " + reason);
      }

      @Override
      public java.util.Optional<String> connectionDenial(String host, java.net.InetAddress address) {
        return policy.violation(host, address).map(reason -> "a request to " + host + " is denied: it " + reason);
      }
    };
  }
}
