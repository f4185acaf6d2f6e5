package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.policy.TargetAddressPolicy;

/** Applies the target address policy to every URL a job opens, before the browser does. */
public final class UrlGuard {

  private final TargetAddressPolicy policy;

  public UrlGuard(TargetAddressPolicy policy) {
    this.policy = policy;
  }

  /**
   * @param what what the URL is, for the message ("targetUrl", "action 2/3 navigate")
   * @throws StepException of kind {@link FailureKind#URL_POLICY} when it is denied
   */
  public void check(String what, String url) {
    policy.violation(url).ifPresent(reason -> {
      throw new StepException(FailureKind.URL_POLICY, what + " " + url + " is denied: it " + reason);
    });
  }
}
