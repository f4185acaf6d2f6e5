package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.policy.UrlPolicies;
import dev.browserfleet.worker.guard.NavigationGuard;
import dev.browserfleet.worker.guard.UrlChecks;
import java.util.function.Supplier;

/**
 * The job's side of the URL guard: a URL the {@link UrlChecks} refuse fails the step, as a {@link
 * FailureKind#URL_POLICY} or, for a port browsers refuse, a {@link FailureKind#NAVIGATION_REFUSED}.
 */
public final class UrlGuard {

  private final UrlChecks checks;

  public UrlGuard(TargetAddressPolicy policy) {
    this(policy, UrlPolicies::none);
  }

  /** @param urlPolicies the URL policies in force at the moment of each check */
  public UrlGuard(TargetAddressPolicy policy, Supplier<UrlPolicies> urlPolicies) {
    this.checks = new UrlChecks(policy, urlPolicies);
  }

  /**
   * @param what what the URL is, for the message ("targetUrl", "action 2/3 navigate")
   * @throws StepException when it is denied; a URL policy that denies it is named in the message
   */
  public void check(String what, String url) {
    checks.refusal(what, url).ifPresent(refusal -> {
      throw new StepException(switch (refusal.kind()) {
        case URL_POLICY -> FailureKind.URL_POLICY;
        case REFUSED_PORT -> FailureKind.NAVIGATION_REFUSED;
      }, refusal.message());
    });
  }

  /** What the browser's guard applies to every document and connection; see {@link UrlChecks#navigationGuard}. */
  public NavigationGuard navigationGuard() {
    return checks.navigationGuard();
  }
}
