package dev.browserfleet.contracts.policy;

import dev.browserfleet.contracts.reference.UrlPolicy;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every URL policy a service knows: the latest state of {@code bf.url-policies} (fed by whatever
 * reads the topic), plus any changes the service has just published itself. An older state never replaces a newer one. The
 * decision over the active ones is rebuilt on each change, so checks cost no allocation.
 */
public final class UrlPolicyDirectory {

  private final Map<UUID, UrlPolicy> byId = new ConcurrentHashMap<>();
  private volatile UrlPolicies current = UrlPolicies.none();

  public synchronized void put(UrlPolicy policy) {
    UrlPolicy known = byId.get(policy.id());
    if (known != null && known.updatedAt() != null && policy.updatedAt() != null
        && known.updatedAt().isAfter(policy.updatedAt())) {
      return;
    }
    byId.put(policy.id(), policy);
    current = UrlPolicies.of(byId.values());
  }

  public synchronized void remove(UUID id) {
    if (byId.remove(id) != null) {
      current = UrlPolicies.of(byId.values());
    }
  }

  /** The decision of the policies active now. */
  public UrlPolicies current() {
    return current;
  }

  public Optional<UrlPolicy> find(UUID id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every policy, oldest first. */
  public List<UrlPolicy> list() {
    return byId.values().stream()
        .sorted(Comparator.comparing(UrlPolicy::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(UrlPolicy::id))
        .toList();
  }
}
