package dev.browserfleet.contracts.policy;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.contracts.reference.UrlPolicyType;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The active URL policies, as one decision: a URL that an active blacklist policy matches is
 * denied; when any whitelist policy is active, a URL that none of them matches is denied too.
 * Denials name the policy, so that a job stopped by one says which. The same rules apply at the
 * ingest-api, in the dispatcher's admission and in the worker before every navigation and
 * redirect. Separate from, and on top of, {@link TargetAddressPolicy}.
 */
public final class UrlPolicies {

  private static final UrlPolicies NONE = new UrlPolicies(List.of());

  private final List<UrlPolicy> blacklist;
  private final List<UrlPolicy> whitelist;

  private UrlPolicies(Collection<UrlPolicy> policies) {
    // Ordered by id, so that when several match, the one named is always the same.
    List<UrlPolicy> active =
        policies.stream().filter(UrlPolicy::isActive).sorted(Comparator.comparing(UrlPolicy::id)).toList();
    this.blacklist = active.stream().filter(p -> p.type() == UrlPolicyType.BLACKLIST).toList();
    this.whitelist = active.stream().filter(p -> p.type() == UrlPolicyType.WHITELIST).toList();
  }

  public static UrlPolicies of(Collection<UrlPolicy> policies) {
    return new UrlPolicies(policies);
  }

  public static UrlPolicies none() {
    return NONE;
  }

  /** Why {@code url} may not be browsed under these policies, or empty when it may. */
  public Optional<String> violation(String url) {
    for (UrlPolicy policy : blacklist) {
      if (UrlPatterns.matches(policy.pattern(), url)) {
        return Optional.of("is denied by URL policy " + policy.id() + " (blacklist '" + policy.pattern() + "')");
      }
    }
    if (!whitelist.isEmpty() && whitelist.stream().noneMatch(p -> UrlPatterns.matches(p.pattern(), url))) {
      return Optional.of("matches no whitelist URL policy, and only whitelisted URLs may be browsed");
    }
    return Optional.empty();
  }

  /** Every URL of a job these policies deny, named by field path, as {@link TargetAddressPolicy#violations}. */
  public List<FieldError> violations(String targetUrl, List<Action> actions) {
    return JobUrls.violations(targetUrl, actions, this::violation);
  }
}
